// HLS playback with hls.js (window.Hls from /vendor), reporting what the
// page needs to know: started, access revoked (HTTP 403 from the edge), or
// failed.

export class Player {
  constructor(video, { onPlaying, onBlocked, onRevoked, onError, onEnded }) {
    this.video = video;
    this.hls = null;
    this.handlers = { onPlaying, onBlocked, onRevoked, onError, onEnded };
    video.addEventListener("playing", () => this.hls && onPlaying());
    video.addEventListener("ended", () => this.hls && onEnded());
  }

  // play loads url (a /t/{token}/v/{asset}/master.m3u8) and starts it.
  play(url) {
    this.stop();
    const Hls = window.Hls;
    if (!Hls) throw new Error("hls.min.js did not load: run make deps on the server.");
    if (!Hls.isSupported()) throw new Error("This browser cannot play HLS through Media Source Extensions.");
    const hls = new Hls();
    this.hls = hls;
    this.recovered = false;
    hls.on(Hls.Events.ERROR, (_, data) => this.onError(hls, data));
    hls.on(Hls.Events.MANIFEST_PARSED, () => this.start());
    hls.loadSource(url);
    hls.attachMedia(this.video);
    this.video.hidden = false;
  }

  start() {
    this.video.play().catch((err) => {
      // Autoplay long after the click (a slow wallet) is refused: the
      // viewer starts it with the video's own controls.
      if (err.name === "NotAllowedError") this.handlers.onBlocked();
      else if (err.name !== "AbortError") this.fail(`The video cannot start: ${err.message}`);
    });
  }

  onError(hls, data) {
    if (hls !== this.hls) return;
    const status = data.response?.code;
    if (status === 403) {
      this.stop();
      this.handlers.onRevoked();
    } else if (status === 401) {
      this.fail("The playback pass expired: press Play again.");
    } else if (data.fatal && data.type === window.Hls.ErrorTypes.MEDIA_ERROR && !this.recovered) {
      this.recovered = true;
      hls.recoverMediaError();
    } else if (data.fatal) {
      this.fail(`Playback failed (${data.details}${status ? `, HTTP ${status}` : ""}).`);
    }
  }

  fail(message) {
    this.stop();
    this.handlers.onError(message);
  }

  // stop ends playback and releases the media element.
  stop() {
    if (!this.hls) return;
    this.hls.destroy();
    this.hls = null;
    this.video.pause();
    this.video.removeAttribute("src");
    this.video.load();
  }
}
