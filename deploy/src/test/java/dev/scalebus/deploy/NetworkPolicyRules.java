package dev.scalebus.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * pkg/apis/networking/validation ValidateNetworkPolicySpec (v1.32), the parts scalebus' policies use: selectors'
 * labels, ports (protocol, number or IANA name, endPort), peers (ipBlock alone or selectors, a valid CIDR) and
 * policy types.
 */
final class NetworkPolicyRules {

    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final Pattern CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)|[0-9a-fA-F:]+/\\d{1,3}");

    private NetworkPolicyRules() {
    }

    static void validate(NetworkPolicy np, Problems p) {
        var spec = np.getSpec();
        selector(spec.getPodSelector(), "spec.podSelector", p);
        List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
        for (int i = 0; i < types.size(); i++) {
            if (!types.get(i).equals("Ingress") && !types.get(i).equals("Egress")) {
                p.add("spec.policyTypes[" + i + "]", "Unsupported value: \"" + types.get(i)
                        + "\": supported values: \"Egress\", \"Ingress\"");
            }
        }
        var ingress = spec.getIngress() == null ? List.<io.fabric8.kubernetes.api.model.networking.v1
                .NetworkPolicyIngressRule>of() : spec.getIngress();
        for (int i = 0; i < ingress.size(); i++) {
            ports(ingress.get(i).getPorts(), "spec.ingress[" + i + "].ports", p);
            peers(ingress.get(i).getFrom(), "spec.ingress[" + i + "].from", p);
        }
        var egress = spec.getEgress() == null ? List.<io.fabric8.kubernetes.api.model.networking.v1
                .NetworkPolicyEgressRule>of() : spec.getEgress();
        for (int i = 0; i < egress.size(); i++) {
            ports(egress.get(i).getPorts(), "spec.egress[" + i + "].ports", p);
            peers(egress.get(i).getTo(), "spec.egress[" + i + "].to", p);
        }
    }

    private static void ports(List<NetworkPolicyPort> ports, String path, Problems p) {
        for (int i = 0; i < (ports == null ? 0 : ports.size()); i++) {
            NetworkPolicyPort port = ports.get(i);
            String pp = path + "[" + i + "]";
            if (port.getProtocol() != null && !PROTOCOLS.contains(port.getProtocol())) {
                p.add(pp + ".protocol", "Unsupported value: \"" + port.getProtocol() + "\": supported values: "
                        + "\"SCTP\", \"TCP\", \"UDP\"");
            }
            IntOrString number = port.getPort();
            if (number != null && number.getIntVal() != null) {
                p.check(pp + ".port", Names.portNumber(number.getIntVal()));
                if (port.getEndPort() != null && port.getEndPort() < number.getIntVal()) {
                    p.add(pp + ".endPort", "Invalid value: " + port.getEndPort() + ": must be greater than or equal"
                            + " to `port`");
                }
            } else if (number != null) {
                p.check(pp + ".port", Names.portName(number.getStrVal()));
            }
        }
    }

    private static void peers(List<NetworkPolicyPeer> peers, String path, Problems p) {
        for (int i = 0; i < (peers == null ? 0 : peers.size()); i++) {
            NetworkPolicyPeer peer = peers.get(i);
            String pp = path + "[" + i + "]";
            boolean selectors = peer.getPodSelector() != null || peer.getNamespaceSelector() != null;
            if (peer.getIpBlock() != null && selectors) {
                p.add(pp, "Forbidden: may not specify both ipBlock and another peer");
            } else if (peer.getIpBlock() == null && !selectors) {
                p.add(pp, "Required value: must specify a peer");
            }
            if (peer.getIpBlock() != null && (peer.getIpBlock().getCidr() == null
                    || !CIDR.matcher(peer.getIpBlock().getCidr()).matches())) {
                p.add(pp + ".ipBlock.cidr", "Invalid value: \"" + peer.getIpBlock().getCidr() + "\": must be a valid"
                        + " CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
            }
            selector(peer.getPodSelector(), pp + ".podSelector", p);
            selector(peer.getNamespaceSelector(), pp + ".namespaceSelector", p);
        }
    }

    private static void selector(LabelSelector selector, String path, Problems p) {
        if (selector != null) {
            ObjectRules.labels(selector.getMatchLabels(), path + ".matchLabels", p);
        }
    }
}
