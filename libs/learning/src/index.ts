export { auc } from './auc';
export { hashOf, isHeldOut } from './seeded-split';
export { DEFAULT_FIT, fitLogistic, serializeModel, sigmoid, winProbability, type FitOptions, type LogisticModel } from './logistic-regression';
export { calibrationDeciles, rulesBaselineAuc, type CalibrationBin } from './calibration';
export { extractFeatures, FEATURE_SPEC_VERSION, seniority, sizeBand, type HistoryEvent, type LeadHistory } from './extract-features';
export { spearman } from './spearman';
export { leadFeatures, type LeadFeatures } from './lead-features';
export { logOdds, MIN_OUTCOMES_PER_CLASS, rowOf, tooFewOutcomes, trainModel, type FeatureWeight, type ModelEvaluation, type TrainingLead, type TrainOptions, type TrainResult } from './train-model';
export { pointsScale, suggestRuleSet, type SuggestedRuleSet, type SuggestRuleSetInput } from './suggest-rule-set';
