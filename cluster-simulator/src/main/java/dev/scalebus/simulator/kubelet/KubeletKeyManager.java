package dev.scalebus.simulator.kubelet;

import dev.scalebus.simulator.tls.CertificateAuthority;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses each kubelet's serving certificate by the local address the client connected to. The server creates
 * every SSLEngine with that address as its "peer host" hint (see {@link KubeletServer}), which is all the key
 * manager can see. Certificates (node IP as IP SAN, node name as DNS SAN) are issued lazily and cached; all
 * nodes share one key pair, which keeps 5,000 kubelets cheap.
 */
final class KubeletKeyManager extends X509ExtendedKeyManager {

    private final CertificateAuthority ca;
    private final KeyPair keyPair = CertificateAuthority.newKeyPair();
    private final Function<InetAddress, SimNode> nodes;
    private final Map<String, X509Certificate[]> chains = new ConcurrentHashMap<>();

    KubeletKeyManager(CertificateAuthority ca, Function<InetAddress, SimNode> nodes) {
        this.ca = ca;
        this.nodes = nodes;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return "EC".equals(keyType) && engine != null ? engine.getPeerHost() : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        if (alias == null) {
            return null;
        }
        return chains.computeIfAbsent(alias, this::issue);
    }

    private X509Certificate[] issue(String address) {
        try {
            InetAddress ip = InetAddress.getByName(address);
            SimNode node = nodes.apply(ip);
            String name = node == null ? address : node.name();
            X509Certificate leaf = ca.issueServer(keyPair, name, List.of(name), List.of(ip));
            return new X509Certificate[] {leaf, ca.certificate()};
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address: " + address, e);
        }
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keyPair.getPrivate();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
