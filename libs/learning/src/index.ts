export { auc } from './auc';
export { hashOf, isHeldOut } from './seeded-split';
export { DEFAULT_FIT, fitLogistic, serializeModel, sigmoid, winProbability, type FitOptions, type LogisticModel } from './logistic-regression';
export { calibrationDeciles, rulesBaselineAuc, type CalibrationBin } from './calibration';
export { extractFeatures, FEATURE_SPEC_VERSION, seniority, sizeBand, type HistoryEvent, type LeadHistory } from './extract-features';
