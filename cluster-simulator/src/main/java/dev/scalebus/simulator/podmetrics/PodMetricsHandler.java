package dev.scalebus.simulator.podmetrics;

import dev.scalebus.simulator.kubelet.HttpReplies;
import dev.scalebus.simulator.kubelet.KubeletBehaviour;
import dev.scalebus.simulator.kubelet.OversizedReply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.time.Clock;
import org.jboss.logging.Logger;

/** One connection to a pod's metrics endpoint: GET on the announced path, injected faults as on kubelets. */
final class PodMetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = Logger.getLogger(PodMetricsHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final PodMetricsServers.Served served;
    private final Clock clock;

    PodMetricsHandler(PodMetricsServers.Served served, Clock clock) {
        this.served = served;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!path.equals(served.endpoint().path())) {
            HttpReplies.send(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, TEXT, "404 page not found\n");
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            HttpReplies.send(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, "405 method not allowed\n");
            return;
        }
        KubeletBehaviour behaviour = served.behaviour();
        if (behaviour == KubeletBehaviour.NO_ANSWER) {
            LOG.debugf("pod %s: not answering %s (fault injected)", served.key(), path);
            return;
        }
        if (behaviour == KubeletBehaviour.HTTP_500) {
            HttpReplies.send(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT,
                    "An error has occurred while serving metrics: simulated failure\n");
            return;
        }
        if (behaviour == KubeletBehaviour.OVERSIZED_BODY) {
            OversizedReply.send(ctx, served.key(), AppMetricsRenderer.CONTENT_TYPE);
            return;
        }
        StringBuilder body = new StringBuilder(2048);
        AppMetricsRenderer.render(served.pod(), clock.instant(), body);
        if (behaviour == KubeletBehaviour.MALFORMED_BODY) {
            body.setLength(body.length() / 2);
            body.append("\nhttp_requests_total{ garbage");
        }
        HttpReplies.send(ctx, keepAlive, HttpResponseStatus.OK, AppMetricsRenderer.CONTENT_TYPE, body);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debugf("pod %s metrics connection error: %s", served.key(), cause.toString());
        ctx.close();
    }
}
