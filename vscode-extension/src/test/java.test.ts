import { strict as assert } from 'assert';
import * as path from 'path';
import { test } from 'node:test';
import { findJava, javaCandidates, parseJavaVersion } from '../java';

const openjdk17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)';
const java8 = 'java version "1.8.0_292"\nJava(TM) SE Runtime Environment';
const java21 = 'openjdk version "21" 2023-09-19';

test('parseJavaVersion reads modern, legacy 1.x and bare versions', () => {
  assert.equal(parseJavaVersion(openjdk17), 17);
  assert.equal(parseJavaVersion(java8), 8);
  assert.equal(parseJavaVersion(java21), 21);
  assert.equal(parseJavaVersion('openjdk version "11.0.2-ea"'), 11);
  assert.equal(parseJavaVersion('bash: java: command not found'), undefined);
});

test('the setting wins and is the only candidate, so a typo in it is reported, not skipped', () => {
  const c = javaCandidates('/opt/jdk17', { JAVA_HOME: '/usr/lib/jvm/x' }, 'linux');
  assert.deepEqual(c.map((x) => x.executable), [path.join('/opt/jdk17', 'bin', 'java')]);
  assert.match(c[0].source, /bramble\.java\.home/);
});

test('without the setting: JAVA_HOME, then PATH', () => {
  const c = javaCandidates('  ', { JAVA_HOME: '/usr/lib/jvm/java-17' }, 'linux');
  assert.deepEqual(c.map((x) => x.executable), [path.join('/usr/lib/jvm/java-17', 'bin', 'java'), 'java']);
  assert.deepEqual(javaCandidates(undefined, {}, 'linux').map((x) => x.executable), ['java']);
  assert.deepEqual(javaCandidates(undefined, {}, 'win32').map((x) => x.executable), ['java.exe']);
});

test('findJava skips an old JAVA_HOME and takes Java 17 from PATH', async () => {
  const outputs: Record<string, string> = { '/old/bin/java': java8, java: openjdk17 };
  const found = await findJava(javaCandidates(undefined, { JAVA_HOME: '/old' }, 'linux'), async (exe) => outputs[exe]);
  assert.deepEqual(found, { ok: true, executable: 'java', version: 17, source: 'PATH' });
});

test('findJava says what it found where and what to install when nothing is 17+', async () => {
  const found = await findJava(javaCandidates(undefined, { JAVA_HOME: '/old' }, 'linux'), async (exe) =>
    exe === 'java' ? undefined : java8,
  );
  assert.equal(found.ok, false);
  if (found.ok) return;
  assert.match(found.message, /needs Java 17 or newer/);
  assert.match(found.message, /JAVA_HOME \(\/old\): Java 8 is too old/);
  assert.match(found.message, /PATH: no java found/);
  assert.match(found.message, /openjdk-17-jre-headless/);
});

test('findJava really runs java -version on this machine (Java 17 is a project requirement)', async () => {
  const { execFile } = await import('child_process');
  const probe = (exe: string) =>
    new Promise<string | undefined>((resolve) =>
      execFile(exe, ['-version'], (err, stdout, stderr) =>
        resolve(err && typeof (err as NodeJS.ErrnoException).code === 'string' ? undefined : `${stderr}${stdout}`),
      ),
    );
  const found = await findJava([{ source: 'PATH', executable: 'java' }], probe);
  assert.equal(found.ok, true, found.ok ? '' : found.message);
  const missing = await findJava([{ source: 'test', executable: '/nonexistent/bin/java' }], probe);
  assert.equal(missing.ok, false);
});
