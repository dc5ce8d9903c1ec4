import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
  randomFillSync,
} from 'node:crypto';
import { developmentSecret } from '../auth/keys.js';

export const PERSONAL_DATA_KEY_ENV = 'PERSONAL_DATA_KEY';
const VERSION = 'v1';

/**
 * Personal data at rest (docs/architecture.md, Security model): AES-256-GCM with a fresh IV per value, and beside it a keyed hash
 * (HMAC-SHA256) for exact lookup and de-duplication. Both keys derive from one master key by HKDF, so the
 * lookup hash reveals nothing without the key and the two uses never share a key.
 */
export interface PersonalDataVault {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  lookupHash(plain: string): string;
}

export function createVault(masterKey: Buffer): PersonalDataVault {
  if (masterKey.length !== 32) throw new Error(`${PERSONAL_DATA_KEY_ENV} must be 32 bytes (base64)`);
  // Key objects made once (a bulk import seals two values a line): no key preparation per value.
  const derive = (info: string) =>
    createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32)));
  const encryptionKey = derive('doudi personal data encryption v1');
  const lookupKey = derive('doudi personal data lookup v1');
  // IVs are 12 random bytes each, as before, drawn from the system's generator 4 KiB at a time rather than one
  // call per value (each call costs more than the encryption of a short value).
  let ivs = Buffer.alloc(0);
  let used = 0;
  const nextIv = () => {
    if (used + 12 > ivs.length) {
      ivs = randomFillSync(Buffer.allocUnsafe(4092));
      used = 0;
    }
    used += 12;
    return ivs.subarray(used - 12, used);
  };
  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      const [version, payload] = sealed.split(':');
      if (version !== VERSION || !payload) throw new Error('unknown personal-data format');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash: (plain) => createHmac('sha256', lookupKey).update(plain).digest('hex'),
  };
}

/** The master key from PERSONAL_DATA_KEY, or in development one made on first start beside the database. */
export async function loadVault(env = process.env): Promise<PersonalDataVault> {
  const raw =
    env[PERSONAL_DATA_KEY_ENV] ??
    (await developmentSecret(
      'personal-data.key',
      PERSONAL_DATA_KEY_ENV,
      async () => randomBytes(32).toString('base64'),
      env,
    ));
  return createVault(Buffer.from(raw.trim(), 'base64'));
}
