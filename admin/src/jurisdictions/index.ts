export { JurisdictionPicker } from './JurisdictionPicker';
export { JurisdictionInput } from './JurisdictionInput';
export { useJurisdiction, useWorkingJurisdiction } from './use-jurisdiction';
export { isWithin } from './subtree';
