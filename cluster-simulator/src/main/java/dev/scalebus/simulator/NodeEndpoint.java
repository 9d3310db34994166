package dev.scalebus.simulator;

/** Where a simulated node's kubelet listens: {@code https://address:port}. */
public record NodeEndpoint(String name, String address, int port) {

    public String baseUrl() {
        return "https://" + address + ":" + port;
    }
}
