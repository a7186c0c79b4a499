/** @isccc/rules — ISCCC-SV-001:2015 as data, and the one evaluator every tool renders. */
export * from './model.js';
export { bilingual } from './messages.js';
export { appliesTo, Catalog, catalogDir, type Clause, type ClauseKind, CLAUSE_KINDS, loadCatalog } from './catalog/catalog.js';
export { parseSpecText, type SpecClause } from './catalog/spec-parser.js';
export { deriveFacts, type Facts } from './facts/facts.js';
export { loadManifestFile, parseManifest, type ParsedManifest } from './manifest/load.js';
export { dateProblem } from './manifest/date-problem.js';
export { type InputFile, type InputFileProblem, leavesFolder, readInputFile } from './manifest/input-file.js';
export type { Contact, EvidenceEntry, Manifest } from './manifest/types.js';
export {
  formatPath,
  type InputProblem,
  type JsonPath,
  MAX_INPUT_BYTES,
  parseFieldPath,
  type Position,
  type SourceRange,
  YamlSource,
} from './manifest/yaml-source.js';
export { quote } from './manifest/text-format.js';
export {
  type Check,
  loadRulebook,
  loadRulebookFiles,
  overlayRulebook,
  parseRuleFile,
  uncoveredClauses,
  type Rule,
  type Rulebook,
  rulebookDir,
  type RuleFileResult,
  type RuleType,
  type Severity,
} from './rulebook/rulebook.js';
export { loadSchema, schemaPath, validateData, validateSourceAgainst } from './schema/validator.js';
export {
  DOCS_BASE,
  evaluate,
  type EvaluateOptions,
  EvaluationMemo,
  localDocsBase,
  type Evaluation,
  type Finding,
  isBlocking,
  show,
  type Status,
  STATUSES,
  type Summary,
} from './evaluate/evaluate.js';
export { checkEvidenceFiles, type EvidenceCheck, sha256File } from './evaluate/evidence-files.js';
export { evidenceIndex, type EvidenceIndex, type EvidenceIndexOptions, packetPathOf } from './packet/evidence-index.js';
export {
  comparePacketPaths,
  diffIndex,
  evidenceEntries,
  formatIndex,
  GENERATED_FILES,
  INDEX_FILES,
  type IndexDiff,
  type IndexEntry,
  type IndexProblem,
  MAX_INDEX_ENTRIES,
  PACKET_FILES,
  PACKET_INDEX_HEADER,
  packetPathProblem,
  parseIndex,
  rootHash,
} from './packet/packet-index.js';
export { CANCELLED, DEFAULT_LIMITS, type Limits, OUT_OF_TIME } from './feel/index.js';
export { packageRoot } from './paths.js';
