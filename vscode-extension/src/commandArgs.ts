// The arguments the palette commands send with workspace/executeCommand. The server's own
// code lenses carry their arguments already; this builds the same shape for the palette.
export interface DesignRef {
  uri: string;
  target?: string;
}

export function commandArguments(uri: string, target: string | undefined): unknown[] {
  const ref: DesignRef = { uri };
  if (target) ref.target = target;
  return [ref];
}

/** The document a command (from a lens or the palette) is about, whatever shape its arguments have. */
export function documentUriOf(args: unknown[] | undefined): string | undefined {
  const first = args?.[0];
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null) {
    const uri = (first as Record<string, unknown>).uri;
    if (typeof uri === 'string') return uri;
  }
  return undefined;
}
