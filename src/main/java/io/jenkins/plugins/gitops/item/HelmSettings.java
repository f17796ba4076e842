package io.jenkins.plugins.gitops.item;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.chart.ChartReference;
import io.jenkins.plugins.gitops.engine.render.HelmOptions;
import io.jenkins.plugins.gitops.engine.render.HelmValues;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.reconcile.ChartCredentialsLookup;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * How an environment's Helm chart is rendered: its values files and inline values, its release name, and, for a
 * chart that comes from a Helm repository or an OCI registry instead of the Git repository, where it comes from
 * (Argo CD's multi-source application, Flux's HelmRelease). The engine decides what each setting means
 * ({@link #applyTo}, {@link #chartReference}); the chart credentials are resolved by {@link ChartCredentialsLookup}.
 */
public class HelmSettings extends AbstractDescribableImpl<HelmSettings> {

    private String releaseName;
    private String valuesFiles = "";
    private String values = "";
    private String chartRepository;
    private String chart;
    private String chartVersion;
    private String chartCredentialsId;
    private String chartCaCertificate;

    @DataBoundConstructor
    public HelmSettings() {
    }

    /** The release name ({@code .Release.Name}); empty for the chart folder's name. */
    @CheckForNull
    public String getReleaseName() {
        return releaseName;
    }

    @DataBoundSetter
    public void setReleaseName(@CheckForNull String releaseName) {
        this.releaseName = Util.fixEmptyAndTrim(releaseName);
    }

    /** Values files, repository-relative, one a line; later files win. */
    @NonNull
    public String getValuesFiles() {
        return valuesFiles;
    }

    @DataBoundSetter
    public void setValuesFiles(@CheckForNull String valuesFiles) {
        this.valuesFiles = String.join("\n", lines(valuesFiles));
    }

    /** Inline values as YAML, applied after every values file. */
    @NonNull
    public String getValues() {
        return values;
    }

    @DataBoundSetter
    public void setValues(@CheckForNull String values) {
        this.values = values == null ? "" : values.strip();
    }

    /** A Helm repository URL or {@code oci://} registry path; empty when the chart is in the Git repository. */
    @CheckForNull
    public String getChartRepository() {
        return chartRepository;
    }

    @DataBoundSetter
    public void setChartRepository(@CheckForNull String chartRepository) {
        this.chartRepository = Util.fixEmptyAndTrim(chartRepository);
    }

    @CheckForNull
    public String getChart() {
        return chart;
    }

    @DataBoundSetter
    public void setChart(@CheckForNull String chart) {
        this.chart = Util.fixEmptyAndTrim(chart);
    }

    /** An exact version or a range ({@code ^6.5}); empty for the latest stable version. */
    @CheckForNull
    public String getChartVersion() {
        return chartVersion;
    }

    @DataBoundSetter
    public void setChartVersion(@CheckForNull String chartVersion) {
        this.chartVersion = Util.fixEmptyAndTrim(chartVersion);
    }

    /** Username/password credentials for the chart repository; empty for anonymous access. */
    @CheckForNull
    public String getChartCredentialsId() {
        return chartCredentialsId;
    }

    @DataBoundSetter
    public void setChartCredentialsId(@CheckForNull String chartCredentialsId) {
        this.chartCredentialsId = Util.fixEmptyAndTrim(chartCredentialsId);
    }

    /** PEM certificates to trust for the chart repository, besides Java's. */
    @CheckForNull
    public String getChartCaCertificate() {
        return chartCaCertificate;
    }

    @DataBoundSetter
    public void setChartCaCertificate(@CheckForNull String chartCaCertificate) {
        this.chartCaCertificate = Util.fixEmptyAndTrim(chartCaCertificate);
    }

    /** Whether the chart comes from a chart repository rather than from Git. */
    public boolean isRemoteChart() {
        return chartRepository != null;
    }

    /**
     * These settings over {@code helm}.
     *
     * @throws RenderException naming the inline values when they are not a YAML mapping
     */
    public HelmOptions applyTo(HelmOptions helm) throws RenderException {
        return helm.withReleaseName(releaseName).withValuesFiles(lines(valuesFiles))
                .withValues(HelmValues.parse(values, Messages.HelmSettings_valuesSource()));
    }

    /**
     * The chart to fetch, pinned to a version and digest when a former sync is repeated.
     *
     * @param pinnedVersion the exact version a former sync resolved, or {@code null}
     * @param pinnedDigest that version's digest then, or {@code null}
     * @throws IllegalArgumentException saying what is wrong with the repository, chart or version
     */
    @CheckForNull
    public ChartReference chartReference(@CheckForNull String pinnedVersion, @CheckForNull String pinnedDigest) {
        if (chartRepository == null) {
            return null;
        }
        ChartReference reference = ChartReference.of(chartRepository, chart, chartVersion);
        return pinnedVersion == null ? reference : reference.pinnedTo(pinnedVersion, pinnedDigest);
    }

    private static List<String> lines(@CheckForNull String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\r\\n,]+")).map(String::trim)
                .filter(line -> !line.isEmpty()).toList();
    }

    @Extension
    @Symbol("helm")
    public static class DescriptorImpl extends Descriptor<HelmSettings> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.HelmSettings_displayName();
        }

        private static boolean mayConfigure(@CheckForNull Item item) {
            return item != null && item.hasPermission(Item.CONFIGURE);
        }

        @POST
        public FormValidation doCheckValues(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayConfigure(item)) {
                return FormValidation.ok();
            }
            try {
                HelmValues.parse(value, Messages.HelmSettings_valuesSource());
                return FormValidation.ok();
            } catch (RenderException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckChartRepository(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String chart, @QueryParameter String chartVersion) {
            if (!mayConfigure(item) || Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                ChartReference.of(value, chart, chartVersion);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public ListBoxModel doFillChartCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String chartRepository, @QueryParameter String chartCredentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            if (!mayConfigure(item)) {
                return result.includeCurrentValue(chartCredentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, StandardUsernamePasswordCredentials.class,
                            URIRequirementBuilder.fromUri(Util.fixEmptyAndTrim(chartRepository)).build(),
                            CredentialsMatchers.always())
                    .includeCurrentValue(chartCredentialsId);
        }
    }
}
