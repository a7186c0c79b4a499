/** @isccc/rules — ISCCC-SV-001:2015 as data, and the one evaluator every tool renders. */
export * from './model.js';
export { appliesTo, Catalog, catalogDir, type Clause, type ClauseKind, CLAUSE_KINDS, loadCatalog } from './catalog/catalog.js';
export { parseSpecText, type SpecClause } from './catalog/spec-parser.js';
export { deriveFacts, type Facts } from './facts/facts.js';
export { loadManifestFile, parseManifest, type ParsedManifest } from './manifest/load.js';
export type { EvidenceEntry, Manifest } from './manifest/types.js';
export { formatPath, type InputProblem, type JsonPath, MAX_INPUT_BYTES, type Position, type SourceRange, YamlSource } from './manifest/yaml-source.js';
export { type Check, loadRulebook, loadRulebookFiles, overlayRulebook, parseRuleFile, uncoveredClauses, type Rule, type Rulebook, rulebookDir, type RuleFileResult, type RuleType, type Severity } from './rulebook/rulebook.js';
export { loadSchema, schemaPath, validateData, validateSourceAgainst } from './schema/validator.js';
export { evaluate, type EvaluateOptions, type Evaluation, type Finding, isBlocking, parseFieldPath, show, type Status, STATUSES, type Summary } from './evaluate/evaluate.js';
export { checkEvidenceFiles, sha256File } from './evaluate/evidence-files.js';
export { packageRoot } from './paths.js';
