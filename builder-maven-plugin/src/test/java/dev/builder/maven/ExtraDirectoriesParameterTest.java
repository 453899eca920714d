package dev.builder.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builder.core.BuilderException;
import dev.builder.core.java.ExtraDirectories;
import dev.builder.core.java.FileOwner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtraDirectoriesParameterTest {
  private static final Path BASEDIR = Path.of("/work/project");

  @Test
  void mapsJibsBlockWithFoldersFromTheProject() {
    ExtraDirectoriesParameter parameter = new ExtraDirectoriesParameter();
    ExtraDirectoriesParameter.ExtraPathParameter plain = new ExtraDirectoriesParameter.ExtraPathParameter();
    plain.set("src/main/jib");
    ExtraDirectoriesParameter.ExtraPathParameter full = new ExtraDirectoriesParameter.ExtraPathParameter();
    full.from = "/opt/extras";
    full.into = "/extras";
    full.includes = List.of("*.txt,**/*.txt");
    full.excludes = List.of("hidden.txt");
    full.owner = "65532:65532";
    ExtraDirectoriesParameter.PermissionParameter permission = new ExtraDirectoriesParameter.PermissionParameter();
    permission.file = "/extras/**/*.sh";
    permission.mode = "755";
    parameter.paths = List.of(plain, full);
    parameter.permissions = List.of(permission);

    ExtraDirectories extras = ExtraDirectoriesParameter.toCore(parameter, BASEDIR);

    assertThat(extras.paths().get(0).from()).isEqualTo(BASEDIR.resolve("src/main/jib"));
    assertThat(extras.paths().get(0).into()).isEqualTo("/");
    assertThat(extras.paths().get(1).from()).isEqualTo(Path.of("/opt/extras"));
    assertThat(extras.paths().get(1).includes()).containsExactly("*.txt", "**/*.txt");
    assertThat(extras.paths().get(1).owner()).isEqualTo(new FileOwner(65532, 65532));
    assertThat(extras.permissions().modeFor("/extras/bin/run.sh")).hasValue(0755);
    assertThat(ExtraDirectoriesParameter.toCore(null, BASEDIR)).isEqualTo(ExtraDirectories.NONE);
  }

  @Test
  void aPathWithoutFromOrAModeThatIsNotOctalIsAnError() {
    ExtraDirectoriesParameter parameter = new ExtraDirectoriesParameter();
    parameter.paths = List.of(new ExtraDirectoriesParameter.ExtraPathParameter());
    assertThatThrownBy(() -> ExtraDirectoriesParameter.toCore(parameter, BASEDIR))
        .isInstanceOf(BuilderException.class).hasMessageContaining("has no <from>");

    ExtraDirectoriesParameter modes = new ExtraDirectoriesParameter();
    ExtraDirectoriesParameter.PermissionParameter permission = new ExtraDirectoriesParameter.PermissionParameter();
    permission.file = "/run.sh";
    permission.mode = "u+x";
    modes.permissions = List.of(permission);
    assertThatThrownBy(() -> ExtraDirectoriesParameter.toCore(modes, BASEDIR))
        .isInstanceOf(BuilderException.class).hasMessageContaining("not octal");
  }
}
