// How often a crashed language server is restarted: a few times within a window, then stop
// and tell the user, so a server that dies on start never turns into a restart loop.
export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    readonly maxRestarts = 3,
    readonly windowMs = 3 * 60_000,
  ) {}

  /** Records a crash at `now` (ms) and says whether to start the server again. */
  shouldRestart(now: number): boolean {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > this.windowMs) this.crashes.shift();
    return this.crashes.length <= this.maxRestarts;
  }

  /** After the user restarts by hand, the count starts over. */
  reset(): void {
    this.crashes.length = 0;
  }

  giveUpMessage(): string {
    return (
      `The Bramble language server stopped ${this.maxRestarts + 1} times within ` +
      `${Math.round(this.windowMs / 60_000)} minutes, so it is not restarted again. ` +
      'See the "Bramble Language Server" output for the reason, then run "Bramble: Restart Language Server".'
    );
  }
}
