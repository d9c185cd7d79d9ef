// Puts the language server jar into server/bramble.jar for the .vsix. The jar is built by
// Maven at the repository root when it is missing (BRAMBLE_REBUILD_JAR=1 forces a rebuild).
import { execFileSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';

const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(extensionDir, '..');
const built = join(repoRoot, 'server', 'target', 'bramble.jar');
const shipped = join(extensionDir, 'server', 'bramble.jar');

if (!existsSync(built) || process.env.BRAMBLE_REBUILD_JAR === '1') {
  console.log(`Building ${built} with Maven (mvn -q -B -DskipTests package)...`);
  const started = Date.now();
  execFileSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-DskipTests', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  console.log(`Maven took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (!existsSync(built)) {
  console.error(`Maven finished but ${built} does not exist; check server/pom.xml's shade configuration.`);
  process.exit(1);
}
mkdirSync(dirname(shipped), { recursive: true });
copyFileSync(built, shipped);
console.log(`Shipping ${built} (${(statSync(built).size / 1e6).toFixed(1)} MB) as server/bramble.jar`);
