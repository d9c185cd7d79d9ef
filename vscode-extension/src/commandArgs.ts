// The arguments the palette commands send with workspace/executeCommand. The server's own
// code lenses carry `[uri, targetName]` (CodeLensService); the palette sends the same shape,
// leaving the target out when it is not known (the server then takes the default/first).
export function commandArguments(uri: string, target: string | undefined): unknown[] {
  return target ? [uri, target] : [uri];
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
