package dev.scalebus.simulator.kubelet;

import dev.scalebus.simulator.tls.CertificateAuthority;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.jboss.logging.Logger;

/**
 * All simulated kubelets in one Netty server: HTTPS, one listening socket per node address (or one wildcard
 * socket), the node chosen per connection by the local address the client dialled. Plain Netty rather than Vert.x
 * because the TLS certificate must be picked per connection by local address, before the handshake.
 */
public final class KubeletServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubeletServer.class);

    private final Map<InetAddress, SimNode> nodes = new ConcurrentHashMap<>();
    private final SSLContext sslContext;
    private final String bearerToken;
    private final Clock clock;
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers;
    private final List<Channel> listeners = new ArrayList<>();
    /** How far every kubelet's clock is off (a fault injected by a test); zero = right. */
    private volatile Duration clockOffset = Duration.ZERO;

    public KubeletServer(CertificateAuthority ca, String bearerToken, Clock clock, int ioThreads) {
        this.bearerToken = bearerToken;
        this.clock = clock;
        this.workers = new NioEventLoopGroup(ioThreads);
        try {
            sslContext = SSLContext.getInstance("TLS");
            sslContext.init(new KeyManager[] {new KubeletKeyManager(ca, nodes::get)}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable", e);
        }
    }

    public void register(SimNode node) {
        nodes.put(node.address(), node);
    }

    /** Skews every kubelet's clock by {@code offset} (negative = behind) in the times they report. */
    public void clockOffset(Duration offset) {
        clockOffset = offset;
    }

    public Duration clockOffset() {
        return clockOffset;
    }

    public SimNode node(InetAddress address) {
        return nodes.get(address);
    }

    /** Listens on one address:port (a node's own address, or 0.0.0.0 to serve all nodes on one socket). */
    public int listen(InetAddress bindAddress, int port) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        InetSocketAddress local = ch.localAddress();
                        SimNode node = nodes.get(local.getAddress());
                        if (node == null) {
                            ch.close();
                            return;
                        }
                        // the "peer host" hint carries the local address to KubeletKeyManager
                        SSLEngine engine = sslContext.createSSLEngine(local.getAddress().getHostAddress(), local.getPort());
                        engine.setUseClientMode(false);
                        ch.pipeline().addLast(new SslHandler(engine), new HttpServerCodec(),
                                new HttpObjectAggregator(64 * 1024),
                                new KubeletRequestHandler(node, bearerToken, clock, () -> clockOffset));
                    }
                });
        try {
            Channel channel = bootstrap.bind(bindAddress, port).sync().channel();
            synchronized (listeners) {
                listeners.add(channel);
            }
            return ((InetSocketAddress) channel.localAddress()).getPort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + bindAddress.getHostAddress() + ":" + port, e);
        } catch (Exception e) {
            throw new IllegalStateException("kubelet cannot listen on " + bindAddress.getHostAddress() + ":" + port
                    + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        synchronized (listeners) {
            listeners.forEach(Channel::close);
            listeners.clear();
        }
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        LOG.debugf("kubelets stopped");
    }
}
