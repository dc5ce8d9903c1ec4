// The vault moved to @doudi/shared when cases began sealing complainants' contacts; kept until the importers move.
export { createVault, loadVault, PERSONAL_DATA_KEY_ENV, type PersonalDataVault } from '@doudi/shared';
