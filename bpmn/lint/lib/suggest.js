'use strict';

/** "did you mean …": the known name closest to a misspelt one (Levenshtein distance, at most a fifth of its length). */
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function closest(name, known) {
  let best;
  let bestDistance = Math.max(2, Math.floor(String(name).length / 5)) + 1;
  for (const k of known) {
    const d = distance(String(name), k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

const didYouMean = (name, known) => {
  const best = closest(name, known);
  return best ? ` (did you mean ${best}?)` : '';
};

module.exports = { closest, didYouMean };
