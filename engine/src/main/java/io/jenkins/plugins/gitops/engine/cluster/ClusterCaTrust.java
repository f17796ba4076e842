package io.jenkins.plugins.gitops.engine.cluster;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;

/**
 * Trusts the certificate authority a kubeconfig names, and only it, as {@code kubectl} (client-go) does: fabric8
 * would add it to the JDK's whole trust store, so that a certificate any public authority signed for the API server's
 * name would be accepted too. A kubeconfig without a certificate authority keeps the JDK's trust store.
 *
 * <p>It also spares each connection reading and parsing the JDK's trust store, a tenth of a command line run.
 */
final class ClusterCaTrust {

    /** The passphrase of the empty store; it protects nothing, the store holds no key. */
    private static final String PASSPHRASE = "gitops-sync";

    private static Path emptyStore;

    private ClusterCaTrust() {
    }

    /** Makes {@code config} trust its certificate authority only, when it names one and no trust store of its own. */
    static Config onlyTheClusterCa(Config config) {
        boolean namesCa = notBlank(config.getCaCertData()) || notBlank(config.getCaCertFile());
        if (namesCa && !config.isTrustCerts() && !notBlank(config.getTrustStoreFile())) {
            // fabric8 loads this store instead of the JDK's, then adds the kubeconfig's certificate authority to it
            config.setTrustStoreFile(emptyStore().toString());
            config.setTrustStorePassphrase(PASSPHRASE);
        }
        return config;
    }

    /**
     * An empty key store, written once per process, of a type fabric8 opens it with ({@link #storeType()}).
     */
    private static synchronized Path emptyStore() {
        if (emptyStore == null || !Files.isRegularFile(emptyStore)) {
            try {
                Path file = Files.createTempFile("gitops-sync-cluster-ca-", ".keystore");
                file.toFile().deleteOnExit();
                KeyStore store = KeyStore.getInstance(storeType());
                store.load(null, null);
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, PASSPHRASE.toCharArray());
                }
                emptyStore = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write an empty trust store to the temporary folder", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot create an empty key store", e);
            }
        }
        return emptyStore;
    }

    /**
     * JKS when the type fabric8 opens trust stores with ({@code javax.net.ssl.trustStoreType}, else the JDK's default,
     * PKCS#12) reads it, as PKCS#12 does by default ({@code keystore.type.compat}): an empty PKCS#12 store is sealed,
     * then checked, with a password-derived MAC, a twentieth of a command line run, to protect nothing.
     */
    static String storeType() {
        String opened = System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType());
        boolean readsJks = "JKS".equalsIgnoreCase(opened) || ("PKCS12".equalsIgnoreCase(opened)
                && "true".equalsIgnoreCase(Security.getProperty("keystore.type.compat")));
        return readsJks ? "JKS" : opened;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
