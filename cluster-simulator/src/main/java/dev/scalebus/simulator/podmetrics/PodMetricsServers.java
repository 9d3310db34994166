package dev.scalebus.simulator.podmetrics;

import dev.scalebus.simulator.kubelet.KubeletBehaviour;
import dev.scalebus.simulator.workload.SimPod;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The application metrics endpoints of simulated pods: plain HTTP, one listening socket per pod on the pod's own
 * loopback address (its podIP, 127.BASE.x.y), all on one small Netty event loop group so hundreds of pods cost
 * sockets, not threads. An address whose port another process (a parallel simulator) holds is skipped, so the
 * podIP is only handed out once the socket is bound.
 */
public final class PodMetricsServers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PodMetricsServers.class);
    private static final int ADDRESSES = 254 * 256;
    private static final int MAX_BIND_ATTEMPTS = 256;

    private final int loopbackBase;
    private final Clock clock;
    private final EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("scalebus-pod-metrics", true));
    private final Map<String, Served> served = new ConcurrentHashMap<>();
    private final Set<String> addressesInUse = ConcurrentHashMap.newKeySet();
    private int nextAddress;

    /** One pod's endpoint: where it listens, how it answers (a fault a test injected), its open connections. */
    static final class Served {
        private final SimPod pod;
        private final MetricsEndpoint endpoint;
        private final InetAddress address;
        private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        private volatile KubeletBehaviour behaviour = KubeletBehaviour.NORMAL;
        private volatile Channel listener;

        Served(SimPod pod, MetricsEndpoint endpoint, InetAddress address) {
            this.pod = pod;
            this.endpoint = endpoint;
            this.address = address;
        }

        SimPod pod() {
            return pod;
        }

        MetricsEndpoint endpoint() {
            return endpoint;
        }

        KubeletBehaviour behaviour() {
            return behaviour;
        }

        String key() {
            return PodMetricsServers.key(pod.namespace(), pod.name());
        }
    }

    public PodMetricsServers(int loopbackBase, Clock clock) {
        if (loopbackBase < 1 || loopbackBase > 254) {
            throw new IllegalArgumentException("podLoopbackBase must be 1..254, got " + loopbackBase);
        }
        this.loopbackBase = loopbackBase;
        this.clock = clock;
    }

    /** Binds the pod's endpoint on the next free loopback address; returns that address, the pod's podIP. */
    public synchronized String start(SimPod pod, MetricsEndpoint endpoint) {
        for (int attempt = 0; attempt < MAX_BIND_ATTEMPTS; attempt++) {
            InetAddress address = address(nextAddress);
            nextAddress = (nextAddress + 1) % ADDRESSES;
            String ip = address.getHostAddress();
            if (addressesInUse.contains(ip)) {
                continue;
            }
            Served s = new Served(pod, endpoint, address);
            try {
                s.listener = bootstrap(s).bind(address, endpoint.port()).sync().channel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding " + ip + ":" + endpoint.port(), e);
            } catch (Exception e) {
                if (e instanceof BindException) {
                    LOG.debugf("pod metrics address %s:%d taken (%s), trying the next", ip, endpoint.port(),
                            e.getMessage());
                    continue;
                }
                throw new IllegalStateException("cannot listen on " + ip + ":" + endpoint.port(), e);
            }
            addressesInUse.add(ip);
            Served previous = served.put(s.key(), s);
            if (previous != null) {
                closeQuietly(previous);
            }
            LOG.debugf("pod %s serves metrics at http://%s:%d%s", s.key(), ip, endpoint.port(), endpoint.path());
            return ip;
        }
        throw new IllegalStateException("no free pod address on 127." + loopbackBase + ".x.y for port "
                + endpoint.port() + " after " + MAX_BIND_ATTEMPTS + " tries");
    }

    private ServerBootstrap bootstrap(Served s) {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        s.connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024),
                                new PodMetricsHandler(s, clock));
                    }
                });
    }

    /** The pod is gone: its socket closes and so do open connections (its network namespace is torn down). */
    public void stop(SimPod pod) {
        Served s = served.get(key(pod.namespace(), pod.name()));
        if (s != null && s.pod == pod) {
            served.remove(s.key(), s);
            closeQuietly(s);
        }
    }

    /** Makes a pod's endpoint misbehave (or behave again with NORMAL). */
    public void behaviour(String namespace, String podName, KubeletBehaviour behaviour) {
        require(namespace, podName).behaviour = behaviour;
    }

    /** Where a pod serves its metrics, e.g. {@code http://127.2.0.1:8080/metrics}. */
    public URI url(String namespace, String podName) {
        Served s = require(namespace, podName);
        return URI.create("http://" + s.address.getHostAddress() + ":" + s.endpoint.port() + s.endpoint.path());
    }

    public int size() {
        return served.size();
    }

    private Served require(String namespace, String podName) {
        Served s = served.get(key(namespace, podName));
        if (s == null) {
            throw new IllegalArgumentException("pod " + namespace + "/" + podName + " serves no metrics endpoint");
        }
        return s;
    }

    private void closeQuietly(Served s) {
        Channel listener = s.listener;
        if (listener != null) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        s.connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        addressesInUse.remove(s.address.getHostAddress());
    }

    private InetAddress address(int index) {
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) loopbackBase, (byte) (index / 254),
                    (byte) (index % 254 + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String namespace, String podName) {
        return namespace + "/" + podName;
    }

    @Override
    public void close() {
        List.copyOf(served.values()).forEach(this::closeQuietly);
        served.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
