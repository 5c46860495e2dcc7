// Types of @streamgate/player (streamgate.js). The protocol behind them is
// docs/protocol.md of the StreamGate repository.

/** The SDK's version (semver), also the edge's /sdk/v1/ major. */
export declare const version: string;

/** An EIP-1193 provider (window.ethereum or a library's). */
export interface EIP1193Provider {
  request(args: { method: string; params?: unknown[] | object }): Promise<any>;
  on?(event: string, listener: (...args: any[]) => void): void;
}

export interface StreamGateOptions {
  /** Base URL of the signer (scheme://host[:port]); default: the origin this module was loaded from. */
  signer?: string;
  /** Base URL playback paths resolve against; default: signer. */
  edge?: string;
  /** The wallet; default: globalThis.ethereum. Required to sign in. */
  provider?: EIP1193Provider;
  /** Where the session token is kept: "memory" (default) or "session" (sessionStorage, per tab). */
  storage?: "memory" | "session";
  /** The EIP-4361 statement line; default "Sign in to watch.". */
  statement?: string;
  /** Seconds players may buffer ahead (default 30): how long playback can outlast a revocation. */
  maxBufferSeconds?: number;
}

/** Errors a page shows a viewer, one per cause. */
export type ErrorType =
  | "policy_unmet"      // the wallet does not meet the asset's policy (message: the condition)
  | "revoked"           // access ended during playback (edge 403 revoked, or renewal refused 403); the player is stopped
  | "too_many_streams"  // 429: the pass's max_streams sessions are playing
  | "token_expired"     // a 401 renewal could not fix: the session expired, sign in again
  | "chain_unavailable" // 503: the chain cannot be asked right now; retry
  | "wrong_chain"       // the wallet is on a chain the signer or policy does not accept; chainId: the one wanted, when known
  | "error";            // anything else: bad_argument, network, origin_error, http_<status>, wallet refusal (code wallet_rejected) …

export type EventType =
  | ErrorType
  | "signedin"       // address, expires_at
  | "playing"        // the video started or resumed
  | "renewed"        // the playback token was renewed (same sid); expires_at
  | "ended"          // the video reached its end (once per play-through, even when the player paused it there first)
  | "blocked"        // autoplay was refused: the viewer must press play (code autoplay_blocked)
  | "accountchanged" // the wallet switched account (address, or null); playback stopped, session dropped if another wallet
  | "chainchanged";  // the wallet switched chain (chainId)

export interface StreamGateEvent {
  type: EventType;
  /**
   * The server's error code (docs/protocol.md §2), or the SDK's: bad_argument (a play argument,
   * before any prompt), network, no_wallet, no_player, wallet_rejected, playback_failed …, or
   * http_<status> (e.g. http_502) for an answer that is not StreamGate's JSON error.
   * Branch on type and code; message is words for the viewer (server text for policy_unmet).
   */
  code?: string;
  /** HTTP status of the answer behind an error; 0 when there was none. */
  status?: number;
  /** Words for the viewer (for policy_unmet, the unmet condition). */
  message?: string;
  /** The asset id concerned, if any. */
  asset?: string;
  /** wrong_chain: the chain wanted; chainchanged: the wallet's chain. */
  chainId?: number;
  /** signedin, accountchanged: the wallet. */
  address?: string | null;
  /** signedin, renewed: RFC 3339 expiry of the session or playback token. */
  expires_at?: string;
}

/** What a method rejects with: the fields of the error event it emitted. */
export declare class StreamGateError extends Error {
  type: ErrorType;
  code: string;
  status: number;
  asset?: string;
  chainId?: number;
}

export interface PlayOptions {
  /**
   * hls.js's Hls class, dash.js's dashjs namespace or Shaka's shaka namespace; omitted (or null):
   * native HLS when video.canPlayType says it may (Safari, iOS; also desktop Chromium, which then
   * reloads at each renewal and ignores maxBufferSeconds), else error no_player. Anything else:
   * bad_argument.
   */
  player?: unknown;
  /** "hls" (default for hls.js and native) or "dash" (default for dash.js); Shaka takes either. A format the player cannot play: bad_argument. */
  format?: "hls" | "dash";
}

/** One asset playing in one video element: one playback session (sid), renewed until stop. */
export declare class Playback {
  readonly video: HTMLVideoElement;
  readonly asset: string;
  /** "hls" | "dashjs" | "shaka" | "native" */
  readonly kind: string;
  /** The player library's instance (Hls, dash.js MediaPlayer, shaka.Player); null once stopped or native. */
  readonly player: unknown;
  /** The current playback token and its RFC 3339 expiry. */
  readonly token: string;
  readonly expiresAt: string;
  /** The current manifest URL (edge base + /t/{token}/v/{asset}/…). */
  readonly url: string;
  /** Stop playback and renewals and release the video element. */
  stop(): void;
}

export declare class StreamGate {
  constructor(options?: StreamGateOptions);
  /** The connected wallet (EIP-55), or null. */
  readonly address: string | null;
  /** The wallet's chain id, once known. */
  readonly chainId: number | null;
  /** Whether a session token for the connected wallet is held and unexpired. */
  readonly signedIn: boolean;
  on(type: EventType, listener: (event: StreamGateEvent) => void): this;
  off(type: EventType, listener: (event: StreamGateEvent) => void): this;
  /**
   * eth_requestAccounts; resolves to the EIP-55 address (asked of the
   * signer's /auth/nonce?address=). With { prompt: false }, eth_accounts:
   * no prompt, null when the wallet has shared no account with this page.
   */
  connect(options?: { prompt?: boolean }): Promise<string | null>;
  /** wallet_switchEthereumChain (EIP-3326); resolves to the chain now current. 4902 → error event, code unknown_chain. */
  switchChain(chainId: number): Promise<number>;
  /**
   * Sign-In with Ethereum for this page (location.host, location.origin):
   * nonce, personal_sign, POST /auth/verify. options.chainId: the chain the
   * page needs; a wallet on another is a wrong_chain error before any prompt.
   */
  signIn(options?: { chainId?: number }): Promise<{ address: string; expires_at: string }>;
  /**
   * Plays asset in video (signing in first if needed); renews the token while it plays.
   * The arguments are checked first, before any sign-in or wallet prompt: a video that is
   * not a media element, an asset id outside the edge's grammar [a-z0-9][a-z0-9_-]{0,63},
   * an unknown player or a format it cannot play rejects with a StreamGateError of type
   * "error" and code "bad_argument", also emitted as an error event.
   */
  play(video: HTMLVideoElement, asset: string, options?: PlayOptions): Promise<Playback>;
  /** Stops every playback and forgets the session. */
  signOut(): void;
}
