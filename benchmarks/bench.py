#!/usr/bin/env python3
"""builder against jib-maven-plugin, whole `mvn package ...` processes, side by side on one machine.

Starts its own registry (docker-registry) on a free loopback port, pushes the test base image (a jlink'ed JRE made
from this machine's JDK) to it, and uses it as the base of both tools. Every scenario runs every tool in rounds,
rotating which goes first (A,B,C,D / B,C,D,A / ...), so that a machine that gets busier half-way hurts no tool more
than another. Requests and uploaded bytes come from the registry's own log. Everything it makes is under
benchmarks/target/. It reports numbers; it asserts nothing.
"""
import argparse
import gzip
import json
import os
import pathlib
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
JIB_VERSION = "3.5.2"
SCENARIOS = ["cold", "nochange", "oneclass", "depchange"]
TOOLS = ["floor", "builder", "builder-nosbom", "jib"]
# builder-jlink (a runtime linked by jlink on a base without Java) is measured when --tools names it
ALL_TOOLS = TOOLS + ["baseline", "baseline-nosbom", "builder-jlink"]


def sh(cmd, cwd=None, env=None, quiet=False):
    out = subprocess.run(cmd, cwd=cwd, env=env, text=True, capture_output=True)
    if out.returncode != 0:
        sys.exit(f"failed ({out.returncode}): {' '.join(map(str, cmd))}\n{out.stdout[-4000:]}\n{out.stderr[-4000:]}")
    return out.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Registry:
    """docker-registry on loopback with a JSON log of every request, read back per run."""

    def __init__(self, work):
        self.dir = work / "registry"
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.port = free_port()
        self.host = f"127.0.0.1:{self.port}"
        config = self.dir / "config.yml"
        config.write_text(f"""version: 0.1
log:
  level: info
  formatter: json
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: {self.dir / 'data'}
  delete:
    enabled: true
http:
  addr: {self.host}
""")
        self.log = self.dir / "registry.log"
        self.log_file = open(self.log, "wb")
        self.process = subprocess.Popen(["docker-registry", "serve", str(config)], stdout=self.log_file,
                                        stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        sys.exit("docker-registry did not start: " + self.log.read_text())

    def offset(self):
        return self.log.stat().st_size

    def requests_since(self, offset):
        time.sleep(0.1)  # the registry logs a request just after answering it
        with open(self.log, "rb") as f:
            f.seek(offset)
            lines = f.read().decode("utf-8", "replace").splitlines()
        requests = []
        for line in lines:
            if not line.startswith("{"):
                continue
            entry = json.loads(line)
            if entry.get("msg") != "response completed":
                continue
            requests.append((entry["http.request.method"], entry["http.request.uri"], entry["http.response.status"]))
        return requests

    def uploaded_bytes(self, requests):
        """Blobs whose upload completed, and manifests put, by their stored size."""
        total = 0
        for method, uri, status in requests:
            if method == "PUT" and "/blobs/uploads/" in uri and status == 201:
                m = re.search(r"digest=sha256(?::|%3A)([0-9a-f]{64})", uri)
                if m:
                    total += self.blob_size(m.group(1))
            elif method == "PUT" and "/manifests/" in uri and status == 201:
                repo, ref = re.match(r"/v2/(.+)/manifests/(.+)", uri).groups()
                if ref.startswith("sha256:"):
                    total += self.blob_size(ref[7:])
                else:
                    link = self.dir / "data/docker/registry/v2/repositories" / repo / "_manifests/tags" / ref / \
                        "current/link"
                    if link.exists():
                        total += self.blob_size(link.read_text().strip()[7:])
        return total

    def blob_size(self, hex_digest):
        data = self.dir / "data/docker/registry/v2/blobs/sha256" / hex_digest[:2] / hex_digest / "data"
        return data.stat().st_size if data.exists() else 0

    def close(self):
        self.process.terminate()
        self.process.wait()
        self.log_file.close()


class Stage:
    """The plugin under test and the generated dependency jars, in a local repository of the benchmark's own that
    reads everything else from the user's repository (Maven's read-only tail) and Maven Central."""

    def __init__(self, work, builder_root, m2_name="m2"):
        self.work = work
        self.builder_root = builder_root
        self.m2 = work / m2_name
        self.version = re.search(r"<artifactId>builder-parent</artifactId>\s*<version>([^<]+)</version>",
                                 (builder_root / "pom.xml").read_text()).group(1)

    def plugin(self):
        group = self.m2 / "dev/builder"
        shutil.rmtree(group, ignore_errors=True)
        files = {"builder-parent": (self.builder_root / "pom.xml", None)}
        for module in ["builder-core", "builder-sbom", "builder-maven-plugin"]:
            # the plugin's POM names its libraries, which Maven resolves from ~/.m2 as for any plugin
            files[module] = (self.builder_root / module / "pom.xml",
                             self.builder_root / module / "target" / f"{module}-{self.version}.jar")
        for artifact, (pom, jar) in files.items():
            d = group / artifact / self.version
            d.mkdir(parents=True)
            shutil.copy(pom, d / f"{artifact}-{self.version}.pom")
            if jar:
                if not jar.exists():
                    sys.exit(f"{jar} is missing: build builder first (run without --skip-build)")
                shutil.copy(jar, d / f"{artifact}-{self.version}.jar")

    def jar(self, artifact, version, seed):
        """A jar of about the size of a typical library (20 to 400 KB, deterministic), already compressed inside."""
        d = self.m2 / "bench/deps" / artifact / version
        jar = d / f"{artifact}-{version}.jar"
        if jar.exists():
            return
        d.mkdir(parents=True, exist_ok=True)
        rnd = random.Random(f"{artifact}:{version}:{seed}")
        size = rnd.randint(20, 400) * 1024
        with zipfile.ZipFile(jar, "w", zipfile.ZIP_STORED) as z:
            z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
            z.writestr(f"bench/{artifact.replace('-', '_')}/data.bin", rnd.randbytes(size))
        (d / f"{artifact}-{version}.pom").write_text(
            f"<project><modelVersion>4.0.0</modelVersion><groupId>bench.deps</groupId><artifactId>{artifact}"
            f"</artifactId><version>{version}</version></project>\n")

    def settings(self):
        path = self.work / f"settings-{self.m2.name}.xml"
        path.write_text(f"<settings><localRepository>{self.m2}</localRepository></settings>\n")
        return path


MAIN = """package bench;

public final class App {
  public static void main(String[] args) {
    System.out.println("hello " + Stamp.value());
  }
}
"""


def stamp_source(package, value):
    return f"package {package};\n\npublic final class Stamp {{\n  public static String value() {{\n" \
           f"    return \"{value}\";\n  }}\n}}\n"


class App:
    """One sample app, one copy per tool so that their target/ folders and caches never meet."""

    def __init__(self, name, work, stage, deps=0, baseline=None):
        self.name = name
        self.work = work
        self.stage = stage
        self.baseline = baseline
        self.deps = deps
        self.package = {"hello-http": "com.example.hello", "spring-boot-web": "com.example.web"}.get(name, "bench")

    def source(self, dest, version):
        if self.deps == 0:
            shutil.copytree(ROOT / "integration-tests/src/it" / self.name, dest)
        else:
            java = dest / "src/main/java/bench"
            java.mkdir(parents=True)
            (java / "App.java").write_text(MAIN)
            (dest / "pom.xml").write_text(
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                f"<groupId>bench</groupId><artifactId>{self.name}</artifactId><version>1.0.0</version>"
                "<properties><maven.compiler.release>17</maven.compiler.release>"
                "<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>"
                "<project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp></properties>"
                "<dependencies>"
                + "".join(f"<dependency><groupId>bench.deps</groupId><artifactId>dep-{i}</artifactId>"
                          f"<version>1.0</version></dependency>" for i in range(self.deps))
                + "</dependencies><build><plugins><plugin><groupId>dev.builder</groupId>"
                "<artifactId>builder-maven-plugin</artifactId><version>@builder.version@</version></plugin>"
                "</plugins></build></project>\n")
        pom = (dest / "pom.xml").read_text().replace("@builder.version@", version)
        # every app gets one more dependency, whose version scenario 4 changes
        extra = ("<dependency><groupId>bench.deps</groupId><artifactId>extra</artifactId>"
                 "<version>1.0</version></dependency>")
        pom = pom.replace("<dependencies>", "<dependencies>" + extra, 1) if "<dependencies>" in pom else \
            pom.replace("<build>", "<dependencies>" + extra + "</dependencies><build>", 1)
        jib = (f"<plugin><groupId>com.google.cloud.tools</groupId><artifactId>jib-maven-plugin</artifactId>"
               f"<version>{JIB_VERSION}</version></plugin>")
        pom = pom.replace("</plugins>", jib + "</plugins>", 1)
        (dest / "pom.xml").write_text(pom)
        (dest / "src/main/java" / self.package.replace(".", "/") / "Stamp.java").write_text(
            stamp_source(self.package, "start"))

    def prepare(self):
        for i in range(self.deps):
            self.stage.jar(f"dep-{i}", "1.0", 0)
        self.stage.jar("extra", "1.0", 0)
        for tool in ALL_TOOLS:
            d = self.dir(tool)
            shutil.rmtree(d, ignore_errors=True)
            self.source(d, self.baseline.version if tool.startswith("baseline") and self.baseline
                        else self.stage.version)

    def dir(self, tool):
        return self.work / "apps" / self.name / tool

    def cache(self, tool):
        return self.work / "caches" / self.name / tool

    def change_class(self, tool, value):
        (self.dir(tool) / "src/main/java" / self.package.replace(".", "/") / "Stamp.java").write_text(
            stamp_source(self.package, value))

    def change_dependency(self, tool, version):
        """Points the extra dependency at a version no build has used, so its layer is new to the registry."""
        self.stage.jar("extra", version, 0)
        pom = self.dir(tool) / "pom.xml"
        pom.write_text(re.sub(r"<artifactId>extra</artifactId><version>[^<]+<",
                              f"<artifactId>extra</artifactId><version>{version}<", pom.read_text()))

    def empty_caches(self, tool):
        shutil.rmtree(self.cache(tool), ignore_errors=True)
        shutil.rmtree(self.dir(tool) / "target/builder", ignore_errors=True)
        shutil.rmtree(self.dir(tool) / "target/jib-cache", ignore_errors=True)


class Bench:
    def __init__(self, args, work, stage, registry, baseline=None):
        self.args = args
        self.work = work
        self.stage = stage
        self.baseline = baseline
        self.registry = registry
        self.mvnw = ROOT / "mvnw"
        self.results = []
        self.cold_count = 0
        self.logs = work / "logs"
        self.logs.mkdir(exist_ok=True)
        self.pushed = {}  # (app, tool): the repository its last run pushed to

    def command(self, app, tool, repository):
        # the baseline's plugin has the same version as the one measured: it lives in a local repository of its own,
        # in front of the benchmark's (generated jars, downloads) and the user's
        tail = [pathlib.Path.home() / ".m2/repository"]
        stage = self.stage
        if tool.startswith("baseline"):
            stage = self.baseline
            tail.insert(0, self.stage.m2)
        cmd = [str(self.mvnw), "-B", "-s", str(stage.settings()),
               f"-Dmaven.repo.local.tail={','.join(map(str, tail))}", "package"]
        base = f"{self.registry.host}/base:latest"
        target = f"{self.registry.host}/{repository}"
        cache = app.cache(tool)
        if tool.startswith("builder") or tool.startswith("baseline"):
            cmd += ["builder:push", f"-Dbuilder.from={base}", f"-Dbuilder.image={target}",
                    f"-Dbuilder.cacheDirectory={cache}"]
            if tool.endswith("-nosbom"):
                cmd.append("-Dbuilder.sbom=none")
            if tool == "builder-jlink":
                cmd[cmd.index(f"-Dbuilder.from={base}")] = f"-Dbuilder.from={self.registry.host}/base-nojava:latest"
                cmd += ["-Dbuilder.runtime=jlink", "-Dbuilder.sbom=none"]
        elif tool == "jib":
            cmd += ["jib:build", f"-Djib.from.image={base}", f"-Dimage={target}:1.0.0", "-Djib.to.tags=latest",
                    "-Djib.allowInsecureRegistries=true", "-Djib.sendCredentialsOverHttp=true",
                    "-Djib.container.user=65532:65532", "-Djib.container.workingDirectory=/app",
                    f"-Djib.baseImageCache={cache}/base", f"-Djib.applicationCache={cache}/app",
                    "-Djib.console=plain", "-Djib.disableUpdateChecks=true"]
        return cmd

    def run_once(self, app, tool, scenario, round_number):
        repository = f"bench/{app.name}-{tool}"
        if scenario == "cold":
            app.empty_caches(tool)
            self.cold_count += 1
            repository += f"-cold{self.cold_count}"
        elif scenario == "oneclass":
            app.change_class(tool, f"{scenario}-{round_number}")
        elif scenario == "depchange":
            app.change_dependency(tool, f"1.{round_number + 1}")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        offset = self.registry.offset()
        start = time.perf_counter()
        log = self.logs / f"{app.name}-{tool}-{scenario}-{round_number}.log"
        with open(log, "w") as out:
            code = subprocess.run(self.command(app, tool, repository), cwd=app.dir(tool), stdout=out,
                                  stderr=subprocess.STDOUT).returncode
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if code != 0:
            sys.exit(f"{app.name} {tool} {scenario} failed; see {log}:\n" + log.read_text()[-3000:])
        self.pushed[(app.name, tool)] = repository
        requests = self.registry.requests_since(offset)
        return {"app": app.name, "tool": tool, "scenario": scenario, "round": round_number, "wall": wall,
                "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
                "requests": len(requests), "uploaded": self.registry.uploaded_bytes(requests),
                "writes": sum(1 for m, _, _ in requests if m in ("PUT", "PATCH", "POST"))}

    def scenario(self, app, scenario, tools, warmup, runs):
        for r in range(warmup + runs):
            order = tools[r % len(tools):] + tools[:r % len(tools)]
            for tool in order:
                result = self.run_once(app, tool, scenario, r)
                result["warmup"] = r < warmup
                self.results.append(result)
                print(f"  {app.name:16} {scenario:9} {tool:15} {'warm-up ' if r < warmup else ''}"
                      f"{result['wall']:6.2f} s wall {result['cpu']:6.2f} s cpu {result['requests']:4} requests "
                      f"{result['uploaded']:>10} bytes up", flush=True)


def median(results, app, tool, scenario, key):
    values = [r[key] for r in results if r["app"] == app and r["tool"] == tool and r["scenario"] == scenario
              and not r["warmup"]]
    return statistics.median(values) if values else None


def header(meta):
    """Where and how the runs were made."""
    return "\n".join([f"Date: {meta['date']}  ", f"Machine: {meta['machine']}  ", f"Java: {meta['java']}  ",
                      f"Maven: {meta['maven']}  ",
                      f"Load average before: {meta['load_before']}; after: {meta['load_after']}  ",
                      f"Runs: {meta['runs']} measured after {meta['warmup']} warm-up per scenario and tool, rotating"
                      f" the order each round; medians.", ""])


def report(results, apps, tools, scenarios):
    """A table of medians per app: each tool in each scenario."""
    lines = []
    for app in apps:
        lines += [f"### {app}", "",
                  "| scenario | tool | wall s | cpu s | over floor s | /jib wall | requests | writes | bytes up |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for scenario in scenarios:
            floor = median(results, app, "floor", scenario, "wall")
            jib = median(results, app, "jib", scenario, "wall")
            for tool in tools:
                wall = median(results, app, tool, scenario, "wall")
                if wall is None:
                    continue
                ratio = f"{wall / jib:.2f}" if jib and tool not in ("floor", "jib") else ""
                over = f"{wall - floor:.2f}" if floor is not None and tool != "floor" else ""
                lines.append(
                    f"| {scenario} | {tool} | {wall:.2f} | {median(results, app, tool, scenario, 'cpu'):.2f} | {over}"
                    f" | {ratio} | {median(results, app, tool, scenario, 'requests'):.0f}"
                    f" | {median(results, app, tool, scenario, 'writes'):.0f}"
                    f" | {median(results, app, tool, scenario, 'uploaded'):.0f} |")
        lines.append("")
    return "\n".join(lines)


# Issue 19's targets, judged on the default configuration (`builder`: the SPDX SBOM made and attached)
RATIO_TARGETS = {"nochange": 0.78, "oneclass": 0.78, "cold": 0.75}
OVER_FLOOR_TARGET = {"apps": ("hello-http", "spring-boot-web"), "scenarios": ("nochange", "oneclass"), "limit": 0.30}
SBOM_TARGETS = {"nochange": 0.05, "oneclass": 0.05, "cold": 0.30}


def targets(results, apps, scenarios):
    """The targets, each judged on `builder` with its defaults: its wall time over Jib's, its time over Maven's floor,
    and what the SBOM costs (`builder` minus `builder-nosbom`, the same build without it)."""
    lines = ["| app | scenario | builder/jib (target) | over floor s (target) | SBOM's cost s (target) |"
             " builder-nosbom/jib |", "| --- | --- | --- | --- | --- | ---: |"]

    def judged(value, limit, digits=2):
        if value is None:
            return ""
        text = f"{value:.{digits}f}"
        return text if limit is None else f"{text} ({'met' if value <= limit else 'MISSED'}, {limit})"

    for app in apps:
        for scenario in scenarios:
            builder = median(results, app, "builder", scenario, "wall")
            if builder is None:
                continue
            jib = median(results, app, "jib", scenario, "wall")
            floor = median(results, app, "floor", scenario, "wall")
            nosbom = median(results, app, "builder-nosbom", scenario, "wall")
            cold_target = RATIO_TARGETS.get(scenario) if scenario != "cold" or app.startswith("deps-") else None
            over_limit = OVER_FLOOR_TARGET["limit"] if app in OVER_FLOOR_TARGET["apps"] \
                and scenario in OVER_FLOOR_TARGET["scenarios"] else None
            sbom_limit = SBOM_TARGETS.get(scenario) if scenario != "cold" or app == "deps-150" else None
            lines.append(
                f"| {app} | {scenario} | {judged(builder / jib if jib else None, cold_target)}"
                f" | {judged(builder - floor if floor is not None else None, over_limit)}"
                f" | {judged(builder - nosbom if nosbom is not None else None, sbom_limit)}"
                f" | {f'{nosbom / jib:.2f}' if nosbom is not None and jib else ''} |")
    return "\n".join(lines) + "\n"


def image_sizes(bench, apps, tools):
    """The last image each builder tool pushed of each app: its layers' bytes as stored (gzip) and as unpacked (tar),
    read from the registry's storage, the base's layers included."""
    lines = ["| app | tool | layers | compressed MB | uncompressed MB |", "| --- | --- | ---: | ---: | ---: |"]
    for app in apps:
        for tool in [t for t in tools if t.startswith("builder")]:
            repository = bench.pushed.get((app, tool))
            if repository is None:
                continue
            raw = sh(["skopeo", "inspect", "--raw", "--tls-verify=false",
                      f"docker://{bench.registry.host}/{repository}:latest"])
            layers = json.loads(raw)["layers"]
            compressed = sum(layer["size"] for layer in layers)
            unpacked = 0
            for layer in layers:
                hex_digest = layer["digest"][7:]
                data = bench.registry.dir / "data/docker/registry/v2/blobs/sha256" / hex_digest[:2] / hex_digest / "data"
                with gzip.open(data, "rb") as f:
                    while chunk := f.read(1 << 20):
                        unpacked += len(chunk)
            lines.append(f"| {app} | {tool} | {len(layers)} | {compressed / 1e6:.1f} | {unpacked / 1e6:.1f} |")
    return "\n".join(lines) + "\n"


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores, {mem / 1024 / 1024:.1f} GiB, {cpu}, {platform.platform()}"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5, help="measured runs per scenario and tool (default 5)")
    p.add_argument("--warmup", type=int, default=1, help="warm-up runs per scenario and tool (default 1)")
    p.add_argument("--apps", default="hello-http,spring-boot-web,deps-150",
                   help="hello-http, spring-boot-web and deps-N (N generated dependency jars)")
    p.add_argument("--scenarios", default=",".join(SCENARIOS))
    p.add_argument("--tools", default=",".join(TOOLS))
    p.add_argument("--scaling", default="10,150,500", help="dependency counts for the scaling table; empty: none")
    p.add_argument("--scaling-runs", type=int, default=3)
    p.add_argument("--scaling-scenarios", default="cold,oneclass")
    p.add_argument("--skip-build", action="store_true", help="use the jars builder's last build left in target/")
    p.add_argument("--builder-root", default=str(ROOT), help="the builder checkout whose plugin is measured")
    p.add_argument("--work", default=str(ROOT / "benchmarks/target"))
    p.add_argument("--baseline", help="another builder checkout, built (./mvnw package -DskipTests), measured as"
                   " baseline beside builder and baseline-nosbom beside builder-nosbom, when those are asked for:"
                   " before and after in one run")
    args = p.parse_args()

    work = pathlib.Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    builder_root = pathlib.Path(args.builder_root).resolve()
    for tool in ["docker-registry", "skopeo", "java"]:
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: run .ci/install-deps")
    if not args.skip_build:
        print("building builder (./mvnw package -DskipTests) in", builder_root, flush=True)
        sh([str(builder_root / "mvnw"), "-B", "-q", "-ntp", "package", "-DskipTests"], cwd=builder_root)
    stage = Stage(work, builder_root)
    stage.plugin()
    baseline = None
    if args.baseline:
        baseline = Stage(work, pathlib.Path(args.baseline).resolve(), "m2-baseline")
        baseline.plugin()

    print("making the base image", flush=True)
    classpath_file = work / "classpath"
    sh([str(ROOT / "mvnw"), "-B", "-q", "-ntp", "-pl", "builder-core", "-am", "dependency:build-classpath",
        f"-Dmdep.outputFile={classpath_file}", "-Dmdep.includeScope=test"], cwd=ROOT)
    cp = f"{ROOT}/builder-core/target/test-classes:{ROOT}/builder-core/target/classes:{classpath_file.read_text()}"
    layout = sh(["java", "-cp", cp, "dev.builder.testing.Demo", "base", str(work / "base")]).strip()

    registry = Registry(work)
    try:
        sh(["skopeo", "copy", "-q", "--dest-tls-verify=false", f"oci:{layout}:latest",
            f"docker://{registry.host}/base:latest"])
        if "builder-jlink" in args.tools.split(","):
            no_java = sh(["java", "-cp", cp, "dev.builder.testing.Demo", "base-nojava", str(work / "base")]).strip()
            sh(["skopeo", "copy", "-q", "--dest-tls-verify=false", f"oci:{no_java}:latest",
                f"docker://{registry.host}/base-nojava:latest"])
        print(f"registry {registry.host}, base {registry.host}/base:latest", flush=True)
        load_before = os.getloadavg()
        bench = Bench(args, work, stage, registry, baseline)
        tools = args.tools.split(",")
        # the baseline's counterpart of each builder tool asked for
        tools += ["baseline" + t[len("builder"):] for t in tools if t.startswith("builder")] if baseline else []
        scenarios = args.scenarios.split(",")
        apps = [a for a in args.apps.split(",") if a]
        for name in apps:
            app = App(name, work, stage, int(name[5:]) if name.startswith("deps-") else 0, baseline)
            app.prepare()
            for scenario in scenarios:
                bench.scenario(app, scenario, tools, args.warmup, args.runs)
        scaling = [int(n) for n in args.scaling.split(",") if n]
        scaling_tools = [t for t in tools if t in ("floor", "builder", "builder-nosbom", "jib")]
        for n in scaling:
            name = f"deps-{n}"
            if name in apps:
                continue
            app = App(name, work, stage, n, baseline)
            app.prepare()
            for scenario in args.scaling_scenarios.split(","):
                bench.scenario(app, scenario, scaling_tools, 1, args.scaling_runs)
        meta = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
                "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
                "maven": sh([str(ROOT / "mvnw"), "-v"]).splitlines()[0],
                "load_before": " ".join(f"{v:.2f}" for v in load_before),
                "load_after": " ".join(f"{v:.2f}" for v in os.getloadavg()),
                "runs": args.runs, "warmup": args.warmup}
        (work / "results.json").write_text(json.dumps({"meta": meta, "results": bench.results}, indent=1))
        scaled = [f"deps-{n}" for n in scaling if f"deps-{n}" not in apps]
        text = header(meta) + "\n### Targets, judged on the defaults (builder: SPDX SBOM made and attached)\n\n" \
            + targets(bench.results, apps + scaled, scenarios + [s for s in args.scaling_scenarios.split(",")
                                                                 if s not in scenarios]) \
            + "\n" + report(bench.results, apps, tools, scenarios)
        if scaling:
            text += "\n### Scaling with the number of dependency jars\n\n" + report(
                bench.results, [f"deps-{n}" for n in scaling], tools, args.scaling_scenarios.split(","))
        if any(t.startswith("builder") for t in tools):
            text += "\n### Image sizes (the last image each tool pushed, base included)\n\n" + image_sizes(
                bench, apps, tools)
        (work / "results.md").write_text(text)
        print(text)
        print(f"\nwritten to {work / 'results.md'} and {work / 'results.json'}")
    finally:
        registry.close()


if __name__ == "__main__":
    main()
