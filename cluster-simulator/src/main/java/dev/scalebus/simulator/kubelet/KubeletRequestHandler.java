package dev.scalebus.simulator.kubelet;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** One kubelet connection: /stats/summary and /metrics/resource, bearer-token check, injected faults. */
final class KubeletRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = Logger.getLogger(KubeletRequestHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(64 * 1024));

    private final SimNode node;
    private final String expectedAuthorization;
    private final Clock clock;
    private final Supplier<Duration> clockOffset;

    KubeletRequestHandler(SimNode node, String bearerToken, Clock clock, Supplier<Duration> clockOffset) {
        this.node = node;
        this.expectedAuthorization = bearerToken == null ? null : "Bearer " + bearerToken;
        this.clock = clock;
        this.clockOffset = clockOffset;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (expectedAuthorization != null
                && !expectedAuthorization.equals(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            // the kubelet's authn filter answers 401 with this body when no authenticator accepts the request
            HttpReplies.send(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED, TEXT, "Unauthorized");
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            HttpReplies.send(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT,
                    "405: Method Not Allowed");
            return;
        }
        boolean summary = "/stats/summary".equals(path);
        boolean resource = "/metrics/resource".equals(path);
        if (!summary && !resource) {
            HttpReplies.send(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, TEXT, "404 page not found");
            return;
        }
        KubeletBehaviour behaviour = node.behaviour();
        switch (behaviour) {
            case NO_ANSWER -> {
                LOG.debugf("kubelet %s: not answering %s (fault injected)", node.name(), path);
                return;
            }
            case HTTP_500 -> {
                HttpReplies.send(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT,
                        "Internal Error: failed to get node info: simulated failure");
                return;
            }
            case OVERSIZED_BODY -> {
                LOG.debugf("kubelet %s: answering %s with %d bytes (fault injected)", node.name(), path,
                        OversizedReply.TOTAL_BYTES);
                OversizedReply.send(ctx, node.name(), summary ? SummaryRenderer.CONTENT_TYPE
                        : MetricsResourceRenderer.CONTENT_TYPE);
                return;
            }
            default -> {
            }
        }
        Instant now = clock.instant();
        NodeSnapshot snapshot = node.sample(now);
        Duration offset = clockOffset.get();
        if (!offset.isZero()) {
            // a kubelet whose clock is off: the same usage, stamped with its wrong time (counters stay monotonic)
            snapshot = snapshot.at(now.plus(offset));
        }
        StringBuilder body = BUFFER.get();
        body.setLength(0);
        String contentType;
        if (summary) {
            SummaryRenderer.render(snapshot, body);
            contentType = SummaryRenderer.CONTENT_TYPE;
        } else {
            MetricsResourceRenderer.render(snapshot, body);
            contentType = MetricsResourceRenderer.CONTENT_TYPE;
        }
        if (behaviour == KubeletBehaviour.MALFORMED_BODY) {
            body.setLength(body.length() / 2);
            body.append(summary ? "\u0000{{" : "\nnode_cpu_usage_seconds_total{ garbage");
        }
        HttpReplies.send(ctx, keepAlive, HttpResponseStatus.OK, contentType, body);
        if (body.capacity() > 1 << 20) {
            BUFFER.remove();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debugf("kubelet %s connection error: %s", node.name(), cause.toString());
        ctx.close();
    }
}
