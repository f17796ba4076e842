package io.jenkins.plugins.gitops.engine.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Decides whether to trust an SSH server's host key: it must appear in the {@code known_hosts} lines
 * given with the credentials (or the credentials accept any key). Never reads or writes a file, and
 * remembers a refusal so the error can name the host and the key's fingerprint.
 */
final class HostKeyVerifier implements ServerKeyDatabase {

    private static final Logger LOGGER = Logger.getLogger(HostKeyVerifier.class.getName());
    private static final String REVOKED = "revoked";

    private final List<KnownHostEntry> entries;
    private final boolean acceptAny;
    private volatile String refusal;

    HostKeyVerifier(String knownHosts, boolean acceptAny) throws IOException {
        this.entries = knownHosts.isBlank() ? List.of()
                : KnownHostEntry.readKnownHostEntries(new BufferedReader(new StringReader(knownHosts)));
        this.acceptAny = acceptAny;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        List<PublicKey> keys = new ArrayList<>();
        for (KnownHostEntry entry : matching(connectAddress, remoteAddress)) {
            PublicKey key = keyOf(entry);
            if (key != null && !REVOKED.equals(entry.getMarker())) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        if (acceptAny) {
            return true;
        }
        for (KnownHostEntry entry : matching(connectAddress, remoteAddress)) {
            if (KeyUtils.compareKeys(serverKey, keyOf(entry))) {
                if (REVOKED.equals(entry.getMarker())) {
                    refusal = "the host key of " + connectAddress + " (" + KeyUtils.getFingerPrint(serverKey)
                            + ") is marked @revoked in the known hosts";
                    return false;
                }
                if (entry.getMarker() == null) {
                    return true;
                }
            }
        }
        refusal = "the host key of " + connectAddress + " (" + KeyUtils.getKeyType(serverKey) + " "
                + KeyUtils.getFingerPrint(serverKey) + ") is not in the known hosts";
        return false;
    }

    /** Why the last host key was refused, or {@code null} when none was. */
    String refusal() {
        return refusal;
    }

    private List<KnownHostEntry> matching(String connectAddress, InetSocketAddress remoteAddress) {
        String host = connectAddress;
        int port = remoteAddress.getPort();
        if (host.startsWith("[") && host.contains("]")) {
            host = host.substring(1, host.indexOf(']')); // "[host]:port", the form for non-standard ports
        }
        List<KnownHostEntry> result = new ArrayList<>();
        for (KnownHostEntry entry : entries) {
            boolean byName = entry.isHostMatch(host, port);
            boolean byAddress = !remoteAddress.isUnresolved()
                    && entry.isHostMatch(remoteAddress.getAddress().getHostAddress(), port);
            if (byName || byAddress) {
                result.add(entry);
            }
        }
        return result;
    }

    private static PublicKey keyOf(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException e) {
            LOGGER.fine(() -> "Skipping unreadable known_hosts entry " + entry.getConfigLine() + ": " + e);
            return null;
        }
    }
}
