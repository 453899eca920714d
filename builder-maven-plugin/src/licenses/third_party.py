#!/usr/bin/env python3
"""Writes the licence files, THIRD-PARTY.txt and missing pom.properties of the libraries the plugin's jar bundles.

Run from the repository root after `./mvnw -B -q -ntp -pl builder-maven-plugin -am package -DskipTests`, whenever a
bundled library is added, removed or changes version (PluginJarIT fails until then). The list of libraries is the
plugin's own SBOM (target/classes/META-INF/sbom/bom.json, written by cyclonedx-maven-plugin); each library's jar is
read from the local repository. A library's own META-INF/LICENSE*, NOTICE* and *-LICENSE files are copied as they
are; for one whose jar carries none, the text of the licence its POM declares is written: Apache-2.0 from this
repository's LICENSE, others from the files next to this script named SPDX-ID-ARTIFACT.txt (their copyright lines
differ by project). Jackson's LICENSE files only point to the Apache License; where no file of a library holds the
licence's full text, that text is added as LICENSE-Apache-2.0.txt, as Apache-2.0 asks a copy to go with the work.
"""
import json
import os
import re
import shutil
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(os.path.dirname(HERE))
ROOT = os.path.dirname(MODULE)
RESOURCES = os.path.join(MODULE, "src", "main", "resources", "META-INF")
SBOM = os.path.join(MODULE, "target", "classes", "META-INF", "sbom", "bom.json")
REPO = os.environ.get("M2_REPO", os.path.expanduser("~/.m2/repository"))
FULL_APACHE = "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"
LICENCE_FILE = re.compile(r"META-INF/(LICENSE|NOTICE|[^/]+-LICENSE)[^/]*$")


def licence_ids(component):
    ids = []
    for choice in component.get("licenses", []):
        if "expression" in choice:
            ids.append(choice["expression"])
        else:
            licence = choice["license"]
            ids.append(licence.get("id") or licence.get("name"))
    return ids


def main():
    components = [c for c in json.load(open(SBOM))["components"] if c["group"] != "dev.builder"]
    shutil.rmtree(os.path.join(RESOURCES, "licenses"), ignore_errors=True)
    shutil.rmtree(os.path.join(RESOURCES, "maven"), ignore_errors=True)
    lines = []
    for c in sorted(components, key=lambda c: (c["group"], c["name"])):
        group, artifact, version = c["group"], c["name"], c["version"]
        jar = os.path.join(REPO, *group.split("."), artifact, version, f"{artifact}-{version}.jar")
        out = os.path.join(RESOURCES, "licenses", group, artifact)
        os.makedirs(out)
        ids = licence_ids(c)
        with zipfile.ZipFile(jar) as z:
            names = z.namelist()
            copied = [n for n in names if LICENCE_FILE.match(n)]
            for name in copied:
                with open(os.path.join(out, os.path.basename(name)), "wb") as f:
                    f.write(z.read(name))
            if f"META-INF/maven/{group}/{artifact}/pom.properties" not in names:
                props = os.path.join(RESOURCES, "maven", group, artifact)
                os.makedirs(props)
                with open(os.path.join(props, "pom.properties"), "w") as f:
                    f.write(f"# written by builder: the library's own jar carries none\n"
                            f"groupId={group}\nartifactId={artifact}\nversion={version}\n")
        if not copied:
            if len(ids) != 1:
                sys.exit(f"{group}:{artifact}: its jar has no licence file and its POM declares {ids}")
            own = os.path.join(HERE, f"{ids[0]}-{artifact}.txt")
            text = own if os.path.exists(own) else os.path.join(ROOT, "LICENSE") if ids[0] == "Apache-2.0" else None
            if text is None:
                sys.exit(f"{group}:{artifact}: no licence file in its jar and no {own}")
            shutil.copyfile(text, os.path.join(out, "LICENSE"))
        if ids == ["Apache-2.0"] and not any(FULL_APACHE in open(os.path.join(out, f), errors="replace").read()
                                              for f in os.listdir(out)):
            shutil.copyfile(os.path.join(ROOT, "LICENSE"), os.path.join(out, "LICENSE-Apache-2.0.txt"))
            copied.append("the full text of the licence they point to")
        files = sorted(os.listdir(out))
        origin = ("from its jar" + (", and " + copied[-1] if copied[-1].startswith("the") else "") if copied
                  else "the licence its POM declares; its jar carries none")
        lines.append(f"{group}:{artifact}:{version}\n  licence: {' AND '.join(ids)}\n"
                     f"  files: {', '.join(files)} ({origin})\n")
    with open(os.path.join(RESOURCES, "THIRD-PARTY.txt"), "w") as f:
        f.write("The libraries builder-maven-plugin's jar bundles, relocated under dev.builder.shaded and reduced to\n"
                "the classes builder uses. Each library's licence and notice files are in\n"
                "META-INF/licenses/GROUP/ARTIFACT/; META-INF/sbom/bom.json is the CycloneDX SBOM of the same list.\n"
                "builder itself is under the Apache License 2.0 (META-INF/LICENSE).\n\n")
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
