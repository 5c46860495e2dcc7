// Makes ../ethers_vectors.json: SIWE messages written by the siwe package's
// SiweMessage.prepareMessage() and signed with ethers' Wallet.signMessage
// (EIP-191 personal_sign), so the Go parser and verifier are checked against a
// client they share no code with. Deterministic: fixed key, fixed fields, and
// RFC 6979 signatures, so a rerun reproduces the file byte for byte.
//
//   npm ci && node gen.mjs
import { writeFileSync } from 'node:fs';
import { Wallet, id, verifyMessage } from 'ethers';
import { SiweMessage } from 'siwe';

// A throwaway key derived from a label: it guards nothing.
const wallet = new Wallet(id('streamgate siwe test vector key'));

const cases = {
  'all fields with scheme': {
    scheme: 'https',
    domain: 'streamgate.example:8443',
    statement: 'Sign in to StreamGate to watch gated streams.',
    uri: 'https://streamgate.example:8443/auth/verify',
    version: '1',
    chainId: 8453,
    nonce: 'k3Hq9ZpT2mLw7xRv',
    issuedAt: '2026-11-23T10:00:00.000Z',
    expirationTime: '2026-11-23T10:05:00.000Z',
    notBefore: '2026-11-23T09:59:30.000Z',
    requestId: 'req-42',
    resources: ['ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', 'https://streamgate.example/v/launch-keynote'],
  },
  'no statement no optional field': {
    domain: 'localhost:8080',
    uri: 'http://localhost:8080',
    version: '1',
    chainId: 1,
    nonce: 'Aa0Bb1Cc2Dd3Ee4F',
    issuedAt: '2026-11-23T10:00:00.000Z',
  },
  'empty statement and resources header only': {
    domain: 'streamgate.example',
    statement: '',
    uri: 'https://streamgate.example',
    version: '1',
    chainId: 137,
    nonce: '12345678',
    issuedAt: '2026-11-23T10:00:00.000Z',
    resources: [],
  },
};

const out = {};
for (const [name, fields] of Object.entries(cases)) {
  const msg = new SiweMessage({ ...fields, address: wallet.address });
  const message = msg.prepareMessage();
  const signature = await wallet.signMessage(message);
  // Check with the reference client before committing anything to the Go tests.
  const check = await msg.verify({ signature, domain: fields.domain, nonce: fields.nonce, time: fields.issuedAt });
  if (!check.success || verifyMessage(message, signature) !== wallet.address) {
    throw new Error(`${name}: reference verification failed`);
  }
  const { scheme, domain, statement, uri, version, chainId, nonce, issuedAt, expirationTime, notBefore, requestId, resources } = msg;
  out[name] = {
    message,
    fields: { scheme, domain, address: wallet.address, statement, uri, version, chainId: String(chainId), nonce, issuedAt, expirationTime, notBefore, requestId, resources },
    signature,
    time: fields.issuedAt,
  };
}
writeFileSync(new URL('../ethers_vectors.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
