import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { JavaProbe, findJava, majorOf, noJavaMessage, parseJavaVersionOutput, parseReleaseFile, fallbackWarning } from '../src/javaFinder';

/** A fake machine: files with contents, symlinks, and `java -version` outputs. */
function machine(opts: { env?: Record<string, string>; files?: Record<string, string>; links?: Record<string, string>; versions?: Record<string, string>; platform?: string }): JavaProbe & { ran: string[] } {
  const files = opts.files ?? {};
  const ran: string[] = [];
  return {
    ran,
    env: opts.env ?? {},
    platform: opts.platform ?? 'linux',
    isFile: p => p in files,
    readFile: p => files[p],
    realpath: p => opts.links?.[p] ?? p,
    javaVersionOutput: exe => { ran.push(exe); return opts.versions?.[exe]; },
  };
}

const jdk = (home: string, version?: string): Record<string, string> => {
  const f: Record<string, string> = { [path.join(home, 'bin', 'java')]: '' };
  if (version) f[path.join(home, 'release')] = `IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="${version}"\nJAVA_RUNTIME_VERSION="${version}+9-LTS"\n`;
  return f;
};

test('versions: release file, java -version output, majors', () => {
  assert.equal(parseReleaseFile('IMPLEMENTOR="x"\nJAVA_VERSION="25.0.3"\n'), '25.0.3');
  assert.equal(parseReleaseFile('NOTHING=1'), undefined);
  assert.equal(parseJavaVersionOutput('openjdk version "25.0.1" 2025-10-21 LTS\nOpenJDK Runtime Environment'), '25.0.1');
  assert.equal(parseJavaVersionOutput('java version "1.8.0_392"'), '1.8.0_392');
  assert.equal(majorOf('1.8.0_392'), 8);
  assert.equal(majorOf('17.0.12'), 17);
  assert.equal(majorOf('25'), 25);
  assert.equal(majorOf('26-ea'), 26);
  assert.equal(majorOf('garbage'), undefined);
});

test('the setting wins over JAVA_HOME and PATH', () => {
  const m = machine({ env: { JAVA_HOME: '/jdk21', PATH: '/usr/bin' }, files: { ...jdk('/opt/jdk25', '25.0.3'), ...jdk('/jdk21', '21.0.5'), '/usr/bin/java': '' } });
  const r = findJava('/opt/jdk25', m);
  assert.equal(r.found?.source, 'falcoc.java.home');
  assert.equal(r.found?.java, path.join('/opt/jdk25', 'bin', 'java'));
  assert.equal(r.found?.major, 25);
  assert.deepEqual(m.ran, [], 'the release file is enough: java is not run');
});

test('JAVA_HOME is used when the setting is empty', () => {
  const m = machine({ env: { JAVA_HOME: '/jdk25' }, files: jdk('/jdk25', '25.0.1') });
  assert.equal(findJava('', m).found?.source, 'JAVA_HOME');
});

test('java on PATH is followed through symlinks to its home, and java -version is run when there is no release file', () => {
  const real = path.join('/usr/lib/jvm/temurin-25', 'bin', 'java');
  const m = machine({
    env: { PATH: '/nowhere:/usr/bin' },
    files: { '/usr/bin/java': '', [real]: '' },
    links: { '/usr/bin/java': real },
    versions: { [real]: 'openjdk version "25.0.3" 2026-04-21 LTS' },
  });
  const r = findJava(undefined, m);
  assert.equal(r.found?.source, 'PATH');
  assert.equal(r.found?.home, '/usr/lib/jvm/temurin-25');
  assert.equal(r.found?.version, '25.0.3');
  assert.deepEqual(m.ran, [real]);
});

test('too old Javas are skipped, and the message says what was found where', () => {
  const m = machine({
    env: { JAVA_HOME: '/jdk17', PATH: '/usr/bin' },
    files: { ...jdk('/jdk17', '17.0.12'), '/usr/bin/java': '', [path.join('/jdk11', 'bin', 'java')]: '' },
    links: { '/usr/bin/java': path.join('/jdk11', 'bin', 'java') },
    versions: { [path.join('/jdk11', 'bin', 'java')]: 'openjdk version "11.0.2" 2019-01-15' },
  });
  const r = findJava('/missing', m);
  assert.equal(r.found, undefined);
  assert.deepEqual(r.tried.map(c => c.source), ['falcoc.java.home', 'JAVA_HOME', 'PATH']);
  const msg = noJavaMessage(r);
  assert.match(msg, /needs Java 25 or later/);
  assert.match(msg, /falcoc\.java\.home \(\/missing\): no bin.java in \/missing/);
  assert.match(msg, /JAVA_HOME \(\/jdk17\): Java 17\.0\.12 is too old/);
  assert.match(msg, /PATH \(\/usr\/bin\/java\): Java 11\.0\.2 is too old/);
});

test('no Java at all', () => {
  const r = findJava('', machine({ env: { PATH: '/usr/bin' } }));
  assert.equal(r.found, undefined);
  assert.match(noJavaMessage(r), /PATH: no java on PATH/);
});

test('an unusable setting falls back with a warning', () => {
  const m = machine({ env: { JAVA_HOME: '/jdk25' }, files: { ...jdk('/jdk25', '25.0.1'), ...jdk('/jdk17', '17.0.1') } });
  const r = findJava('/jdk17', m);
  assert.equal(r.found?.source, 'JAVA_HOME');
  assert.match(fallbackWarning(r) ?? '', /falcoc\.java\.home \(\/jdk17\) is not usable: Java 17\.0\.1 is too old/);
  assert.equal(fallbackWarning(findJava('', m)), undefined);
});

test('Windows: java.exe and ; as PATH separator', () => {
  const exe = path.join('C:/jdk25', 'bin', 'java.exe');
  const m = machine({ platform: 'win32', env: { Path: 'C:/other;C:/jdk25/bin' }, files: { [path.join('C:/jdk25/bin', 'java.exe')]: '', [exe]: '' }, versions: { [exe]: 'openjdk version "25" 2025-09-16' } });
  const r = findJava('', m);
  assert.equal(r.found?.source, 'PATH');
  assert.equal(r.found?.major, 25);
});

test('an unreadable version is a problem, not a crash', () => {
  const m = machine({ files: jdk('/weird') });
  const r = findJava('/weird', m);
  assert.equal(r.found, undefined);
  assert.match(r.tried[0].problem ?? '', /cannot tell the Java version/);
});
