package io.jenkins.plugins.gitops.item;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.gitops.Messages;
import io.jenkins.plugins.gitops.engine.render.HelmOptions;
import io.jenkins.plugins.gitops.engine.render.RenderException;
import io.jenkins.plugins.gitops.engine.render.RendererKind;
import java.util.Locale;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * How an environment's folder becomes Kubernetes objects: the renderer (detected, plain manifests, Kustomize or
 * Helm) and, optionally, how a Helm chart is rendered and where it comes from ({@link HelmSettings}). The
 * "Rendering" section of the configuration page.
 */
public class RenderingSettings implements Describable<RenderingSettings> {

    private String renderer = RendererKind.AUTO.name();
    /** {@code null} when the environment uses Helm's defaults with a chart from Git. */
    private HelmSettings helm;

    @DataBoundConstructor
    public RenderingSettings() {
    }

    /** A copy to change with the setters before it replaces these settings. */
    RenderingSettings copy() {
        RenderingSettings copy = new RenderingSettings();
        copy.renderer = renderer;
        copy.helm = helm;
        return copy;
    }

    /** {@code AUTO}, {@code PLAIN}, {@code KUSTOMIZE} or {@code HELM}. */
    @NonNull
    public String getRenderer() {
        return getRendererKind().name();
    }

    @DataBoundSetter
    public void setRenderer(@CheckForNull String renderer) {
        String value = Util.fixEmptyAndTrim(renderer);
        this.renderer = value == null ? RendererKind.AUTO.name() : value.toUpperCase(Locale.ROOT);
    }

    @NonNull
    public RendererKind getRendererKind() {
        try {
            return renderer == null ? RendererKind.AUTO : RendererKind.valueOf(renderer);
        } catch (IllegalArgumentException e) {
            return RendererKind.AUTO; // doCheckRenderer refuses unknown names; an edited config.xml falls back
        }
    }

    /** The Helm settings; {@code null} when the environment uses Helm's defaults with a chart from Git. */
    @CheckForNull
    public HelmSettings getHelm() {
        return helm;
    }

    @DataBoundSetter
    public void setHelm(@CheckForNull HelmSettings helm) {
        this.helm = helm;
    }

    /** The renderer list, its validation, and the refusal of Helm settings a sync could not use. */
    @Extension
    @Symbol("rendering")
    public static class DescriptorImpl extends Descriptor<RenderingSettings> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RenderingSettings_displayName();
        }

        /** Refuses inline values that are no YAML mapping and unusable chart coordinates, naming the Helm block. */
        @Override
        public RenderingSettings newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData)
                throws FormException {
            RenderingSettings settings = super.newInstance(req, formData);
            HelmSettings helm = settings.getHelm();
            if (helm != null) {
                try {
                    helm.applyTo(HelmOptions.defaults());
                    helm.chartReference(null, null);
                } catch (RenderException | IllegalArgumentException e) {
                    throw new FormException(e.getMessage(), e, "helm");
                }
            }
            return settings;
        }

        @POST
        public FormValidation doCheckRenderer(@AncestorInPath Item item, @QueryParameter String value) {
            if (!SettingsValidation.mayConfigure(item)) {
                return FormValidation.ok();
            }
            String name = Util.fixEmptyAndTrim(value);
            if (name == null) {
                return FormValidation.ok();
            }
            try {
                RendererKind.valueOf(name.toUpperCase(Locale.ROOT));
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(Messages.GitOpsEnvironment_renderer_unknown(name));
            }
        }

        @POST
        public ListBoxModel doFillRendererItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (item != null && !item.hasPermission(Item.READ)) {
                return model;
            }
            model.add(Messages.GitOpsEnvironment_renderer_auto(), RendererKind.AUTO.name());
            model.add(Messages.GitOpsEnvironment_renderer_plain(), RendererKind.PLAIN.name());
            model.add(Messages.GitOpsEnvironment_renderer_kustomize(), RendererKind.KUSTOMIZE.name());
            model.add(Messages.GitOpsEnvironment_renderer_helm(), RendererKind.HELM.name());
            return model;
        }
    }
}
