// Finding a Java 17+ runtime for the language server. Pure logic: the file system and
// process calls come in as functions, so the rules are unit-tested without VS Code or Java.
import * as path from 'path';

export const MIN_JAVA_VERSION = 17;

export interface JavaCandidate {
  /** Where the candidate came from, as the user would name it in a message. */
  source: string;
  /** Absolute path of the java executable, or a bare command name searched on PATH. */
  executable: string;
}

export type JavaLookup =
  | { ok: true; executable: string; version: number; source: string }
  | { ok: false; message: string };

/** Runs `<executable> -version` and returns its combined output, or undefined when it cannot run. */
export type VersionProbe = (executable: string) => Promise<string | undefined>;

export function javaExecutableIn(home: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(home, 'bin', platform === 'win32' ? 'java.exe' : 'java');
}

/**
 * The places to look, in order: the setting `bramble.java.home`, then JAVA_HOME, then PATH.
 * An explicit setting is the user's choice, so it is the only candidate when present: falling
 * back silently would hide a typo in it.
 */
export function javaCandidates(
  settingHome: string | undefined,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): JavaCandidate[] {
  const setting = settingHome?.trim();
  if (setting) {
    return [{ source: `setting bramble.java.home (${setting})`, executable: javaExecutableIn(setting, platform) }];
  }
  const candidates: JavaCandidate[] = [];
  const javaHome = env.JAVA_HOME?.trim();
  if (javaHome) {
    candidates.push({ source: `JAVA_HOME (${javaHome})`, executable: javaExecutableIn(javaHome, platform) });
  }
  candidates.push({ source: 'PATH', executable: platform === 'win32' ? 'java.exe' : 'java' });
  return candidates;
}

/**
 * The feature version from `java -version` output: `openjdk version "17.0.15"` → 17,
 * `java version "1.8.0_292"` → 8, `openjdk version "21" 2023-09-19` → 21.
 */
export function parseJavaVersion(output: string): number | undefined {
  const quoted = /version\s+"([^"]+)"/.exec(output);
  if (!quoted) return undefined;
  const parts = quoted[1].split(/[._+-]/).map((p) => Number.parseInt(p, 10));
  if (Number.isNaN(parts[0])) return undefined;
  if (parts[0] === 1 && parts.length > 1 && !Number.isNaN(parts[1])) return parts[1];
  return parts[0];
}

export const INSTALL_JAVA_ADVICE =
  'Install a Java 17 (or newer) runtime, e.g. `sudo apt-get install openjdk-17-jre-headless` on Debian/Ubuntu, ' +
  '`brew install openjdk@17` on macOS, or Eclipse Temurin 17 from adoptium.net, ' +
  'then set "bramble.java.home" to its folder (the server restarts by itself), or set JAVA_HOME and reload the window.';

/** Tries each candidate; the first Java 17+ wins. Otherwise says what was found where, and what to install. */
export async function findJava(candidates: JavaCandidate[], probe: VersionProbe): Promise<JavaLookup> {
  const findings: string[] = [];
  for (const candidate of candidates) {
    const output = await probe(candidate.executable);
    if (output === undefined) {
      findings.push(`${candidate.source}: no java found`);
      continue;
    }
    const version = parseJavaVersion(output);
    if (version === undefined) {
      findings.push(`${candidate.source}: cannot read the version of ${candidate.executable}`);
      continue;
    }
    if (version < MIN_JAVA_VERSION) {
      findings.push(`${candidate.source}: Java ${version} is too old`);
      continue;
    }
    return { ok: true, executable: candidate.executable, version, source: candidate.source };
  }
  return {
    ok: false,
    message: `Bramble's language server needs Java ${MIN_JAVA_VERSION} or newer. ${findings.join('; ')}. ${INSTALL_JAVA_ADVICE}`,
  };
}
