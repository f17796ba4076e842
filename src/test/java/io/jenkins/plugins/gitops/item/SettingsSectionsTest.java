package io.jenkins.plugins.gitops.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The settings sections of an environment: a setter of the environment replaces a section with a changed copy, so a
 * copy must carry every field, including one added later; and a section read from a {@code config.xml} that leaves
 * a field out has the default of a new environment.
 */
class SettingsSectionsTest {

    @Test
    void shouldCopyEveryFieldOfEachSection() throws Exception {
        assertCopiesEveryField(new GitSourceSettings("https://git.example.com/shop.git"), GitSourceSettings::copy);
        assertCopiesEveryField(new RenderingSettings(), RenderingSettings::copy);
        assertCopiesEveryField(new ClusterSettings("prod-kubeconfig"), ClusterSettings::copy);
        assertCopiesEveryField(new SyncPolicySettings(), SyncPolicySettings::copy);
    }

    @Test
    void shouldKeepTheOtherFieldsWhenTheRequiredOneChanges() throws Exception {
        GitSourceSettings source = withDistinctValues(new GitSourceSettings("https://git.example.com/shop.git"));
        ClusterSettings cluster = withDistinctValues(new ClusterSettings("prod-kubeconfig"));

        GitSourceSettings otherRepository = source.withRepositoryUrl("https://git.example.com/other.git");
        ClusterSettings otherCredentials = cluster.withClusterCredentialsId("staging-kubeconfig");

        assertThat(otherRepository.getRepositoryUrl()).isEqualTo("https://git.example.com/other.git");
        assertThat(otherRepository).usingRecursiveComparison().ignoringFields("repositoryUrl").isEqualTo(source);
        assertThat(otherCredentials.getClusterCredentialsId()).isEqualTo("staging-kubeconfig");
        assertThat(otherCredentials).usingRecursiveComparison().ignoringFields("clusterCredentialsId")
                .isEqualTo(cluster);
    }

    @Test
    void shouldReadAFieldLeftOutOfConfigXmlAsTheDefaultOfANewEnvironment() throws Exception {
        // XStream sets no field it finds no element for, and runs no constructor: every field stays null, 0 or false
        GitSourceSettings source = withEveryFieldUnset(new GitSourceSettings("x"));
        ClusterSettings cluster = withEveryFieldUnset(new ClusterSettings("x"));
        RenderingSettings rendering = withEveryFieldUnset(new RenderingSettings());
        SyncPolicySettings policy = withEveryFieldUnset(new SyncPolicySettings());

        assertThat(source.getRepositoryUrl()).isEmpty();
        assertThat(source.getRevision()).isEqualTo(new GitSourceSettings("").getRevision());
        assertThat(source.getPath()).isEmpty();
        assertThat(cluster.getNamespace()).isEqualTo(ClusterSettings.DEFAULT_NAMESPACE);
        assertThat(rendering.getRenderer()).isEqualTo(new RenderingSettings().getRenderer());
        SyncPolicySettings fresh = new SyncPolicySettings();
        assertThat(policy.isWaitForHealth()).isEqualTo(fresh.isWaitForHealth());
        assertThat(policy.getHealthTimeoutSeconds()).isEqualTo(fresh.getHealthTimeoutSeconds());
        assertThat(policy.getCheckIntervalMinutes()).isEqualTo(fresh.getCheckIntervalMinutes());
        assertThat(policy.getIgnoreRules()).isEqualTo(fresh.getIgnoreRules());
        assertThat(policy.isAutomated()).isEqualTo(fresh.isAutomated());
    }

    private static <T> void assertCopiesEveryField(T section, UnaryOperator<T> copy) throws Exception {
        T original = withDistinctValues(section);

        T copied = copy.apply(original);

        assertThat(copied).isNotSameAs(original);
        for (Field field : instanceFields(original.getClass())) {
            assertThat(field.get(copied)).as("%s.%s", original.getClass().getSimpleName(), field.getName())
                    .isEqualTo(field.get(original));
        }
    }

    /** Sets every field to a value no constructor or default gives it. */
    private static <T> T withDistinctValues(T section) throws Exception {
        for (Field field : instanceFields(section.getClass())) {
            field.set(section, distinctValue(field));
        }
        return section;
    }

    private static Object distinctValue(Field field) {
        Class<?> type = field.getType();
        if (type == String.class) {
            return "value of " + field.getName();
        } else if (type == boolean.class || type == Boolean.class) {
            return Boolean.TRUE;
        } else if (type == int.class || type == Integer.class) {
            return 4242;
        } else if (type == HelmSettings.class) {
            HelmSettings helm = new HelmSettings();
            helm.setReleaseName("web");
            return helm;
        }
        throw new AssertionError(field + ": give the test a distinct value of " + type.getName());
    }

    private static <T> T withEveryFieldUnset(T section) throws Exception {
        for (Field field : instanceFields(section.getClass())) {
            Class<?> type = field.getType();
            field.set(section, type == boolean.class ? Boolean.FALSE : type == int.class ? Integer.valueOf(0) : null);
        }
        return section;
    }

    private static List<Field> instanceFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        return fields;
    }
}
