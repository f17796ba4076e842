package io.jenkins.plugins.gitops.engine.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.gitops.engine.report.IsoTimes;
import io.jenkins.plugins.gitops.engine.report.ReportContext;
import io.jenkins.plugins.gitops.engine.report.SyncReport;
import io.jenkins.plugins.gitops.engine.source.CommitInfo;
import io.jenkins.plugins.gitops.engine.source.FileTree;
import io.jenkins.plugins.gitops.engine.sync.SyncResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link PipelineRun} as JSON, for a run made in another process than the one that records it: the Jenkins
 * plugin runs an environment on an agent and reads what the agent sends back here. Everything a caller reads
 * from a run crosses (the commit, the result, the report, the failure and its details, the verdict), except the
 * files themselves: a run read back has a {@link LoadedFiles} whose tree cannot be read, as its files stayed
 * where they were fetched.
 *
 * <p>The reader trusts nothing beyond data: it refuses a document longer than the caller's limit before parsing
 * it, and every value goes through the records' own constructors, which check it as they do for a run made here.
 */
public final class PipelineRunJson {

    private static final ObjectWriter WRITER;
    private static final ObjectReader READER;

    static {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(IsoTimes.module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .build();
        WRITER = mapper.writerFor(Transfer.class);
        READER = mapper.readerFor(Transfer.class);
    }

    private PipelineRunJson() {
    }

    /** {@code run} as one JSON document. */
    public static String write(PipelineRun run) {
        LoadedFiles files = run.files();
        Transfer transfer = new Transfer(run.stoppedAt(), files == null ? null : files.location(),
                files == null ? null : files.path(), files == null ? null : files.revision(), run.commit(),
                run.serverUrl(), run.namespace(), run.result(), run.report(), run.context(), run.failure(),
                run.details(), run.verdict());
        try {
            return WRITER.writeValueAsString(transfer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A pipeline run cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a run {@link #write} wrote.
     *
     * @param maxChars the longest document accepted
     * @throws IOException when the document is longer than {@code maxChars}, not JSON, or not a run
     */
    public static PipelineRun read(String json, int maxChars) throws IOException {
        if (json.length() > maxChars) {
            throw new IOException("the run's result is " + json.length() + " characters long, more than the "
                    + maxChars + " accepted");
        }
        // a value a record's constructor refuses fails here too: Jackson reports it as a JsonMappingException
        Transfer transfer = READER.readValue(json);
        if (transfer == null || transfer.verdict() == null) {
            throw new IOException("the run's result has no verdict");
        }
        LoadedFiles files = transfer.location() == null ? null : new LoadedFiles(new FilesElsewhere(transfer.location()),
                transfer.path(), transfer.location(), transfer.revision(), transfer.commit());
        return new PipelineRun(transfer.stoppedAt(), files, transfer.serverUrl(), transfer.namespace(),
                transfer.result(), transfer.report(), transfer.context(), transfer.failure(),
                transfer.details() == null ? List.of() : transfer.details(), null, transfer.verdict());
    }

    /** What crosses: a {@link PipelineRun} without its file tree and render exception (its details say it all). */
    record Transfer(PipelineRun.Step stoppedAt, String location, String path, String revision, CommitInfo commit,
            String serverUrl, String namespace, SyncResult result, SyncReport report, ReportContext context,
            String failure, List<String> details, Verdict verdict) {
    }

    /** The files of a run made elsewhere: known by name, not readable here. */
    private record FilesElsewhere(String location) implements FileTree {

        @Override
        public String description() {
            return location;
        }

        @Override
        public List<FileEntry> list(String directory) throws IOException {
            throw unreadable();
        }

        @Override
        public boolean isDirectory(String path) throws IOException {
            throw unreadable();
        }

        @Override
        public byte[] read(String path) throws IOException {
            throw unreadable();
        }

        @Override
        public Path materialize() throws IOException {
            throw unreadable();
        }

        private IOException unreadable() {
            return new IOException(location + ": the files were read by another process; render them there");
        }
    }
}
