package dev.scalebus.simulator.kubelet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The OVERSIZED_BODY fault: a 200 whose chunked body is {@value #TOTAL_BYTES} bytes of one JSON object with a padding
 * field and no stats. The padding is one shared, never-released 64 KiB buffer written again and again, so a scraper
 * retrying every few seconds costs the simulator no memory.
 */
public final class OversizedReply {

    /** 20 MiB, the size issue 14 names: larger than any sane kubelet answer and than Kafka's default 1 MiB record. */
    public static final int TOTAL_BYTES = 20 * 1024 * 1024;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final ByteBuf PADDING;

    static {
        byte[] x = new byte[CHUNK_BYTES];
        Arrays.fill(x, (byte) 'x');
        PADDING = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(x).asReadOnly());
    }

    private OversizedReply() {
    }

    public static void send(ChannelHandlerContext ctx, String name, String contentType) {
        byte[] head = ("{\"node\":{\"nodeName\":\"" + name + "\",\"padding\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.write(response);
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(head)));
        int left = TOTAL_BYTES - head.length - tail.length;
        while (left > 0) {
            int n = Math.min(left, CHUNK_BYTES);
            ctx.write(new DefaultHttpContent(PADDING.retainedSlice(0, n)));
            left -= n;
        }
        // one answer per connection: a client that gave up half-way closes it, and the rest of the writes just fail
        ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(tail)))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
