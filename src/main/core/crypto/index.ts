export { createAesGcmCipher, isSealed, SEALED_MAGIC, SEALED_VERSION, type Cipher } from './cipher';
export { createProfileCipher, dataKeyAccount, getOrCreateDataKey, type DataKeyOptions } from './data-key';
export { alignFolderEncryption, isFolderSealed, SEALED_MARKER } from './reseal';
