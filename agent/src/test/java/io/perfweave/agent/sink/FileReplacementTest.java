package io.perfweave.agent.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A report file is replaced whole or not at all: when the disk fills up or the directory cannot be
 * written, the previous report stays as it was and no temporary file is left behind.
 */
class FileReplacementTest {

    private static final int BLOCK = 4096;

    /** A file system of 16 blocks: a small disk that a large report fills. */
    private static FileSystem smallDisk() {
        return Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(BLOCK).setMaxSize(16L * BLOCK).build());
    }

    @Test
    void replacesTheFileWithTheNewContent() throws IOException {
        try (FileSystem disk = smallDisk()) {
            Path report = disk.getPath("/reports/report.json");

            FileReplacement.write(report, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
            FileReplacement.write(report, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));

            assertThat(Files.readString(report)).isEqualTo("second");
            assertThat(filesIn(report.getParent())).containsExactly(report);
        }
    }

    @Test
    void aFullDiskLeavesThePreviousReportIntactAndNoTemporaryFile() throws IOException {
        try (FileSystem disk = smallDisk()) {
            Path report = disk.getPath("/reports/report.json");
            FileReplacement.write(report, out -> out.write("previous".getBytes(StandardCharsets.UTF_8)));

            byte[] tooLarge = new byte[32 * BLOCK];
            assertThatThrownBy(() -> FileReplacement.write(report, out -> out.write(tooLarge)))
                    .isInstanceOf(IOException.class);

            assertThat(Files.readString(report)).isEqualTo("previous");
            assertThat(filesIn(report.getParent())).containsExactly(report);
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAnIOExceptionNamingIt() throws IOException {
        try (FileSystem disk = smallDisk()) {
            Path blocker = Files.writeString(disk.getPath("/blocker"), "a file where a directory should be");

            assertThatThrownBy(() -> FileReplacement.write(blocker.resolve("report.json"), out -> out.write(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("/blocker");
        }
    }

    private static java.util.List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
