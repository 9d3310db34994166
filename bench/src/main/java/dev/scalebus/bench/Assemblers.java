package dev.scalebus.bench;

import dev.scalebus.collector.kube.PodInfo;
import dev.scalebus.collector.rate.RateTracker;
import dev.scalebus.collector.scrape.NodeScrapeAssembler;
import dev.scalebus.collector.scrape.OnceLog;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Builds the collector's {@link NodeScrapeAssembler} whatever the shape of its pod-lookup parameter: a
 * {@code BiFunction<namespace, name, Optional<PodInfo>>} or a functional interface whose method takes
 * {@code (nodeName, namespace, name)} (the sharded collector's per-node lookup). The bench is built against whatever
 * collector jar is installed, so it follows either without a source change. The lookup object is made with
 * {@link LambdaMetafactory}, as javac makes a lambda, so the JIT inlines it like one: the measured path is unchanged.
 */
public final class Assemblers {

    private Assemblers() {
    }

    public static NodeScrapeAssembler create(RateTracker rates, BiFunction<String, String, Optional<PodInfo>> pods,
            OnceLog onceLog) {
        try {
            Constructor<?> constructor = Arrays.stream(NodeScrapeAssembler.class.getConstructors())
                    .filter(c -> c.getParameterCount() == 3).findFirst().orElseThrow();
            Class<?> type = constructor.getParameterTypes()[1];
            Object lookup = type.isInstance(pods) ? pods : adapt(type, pods);
            return (NodeScrapeAssembler) constructor.newInstance(rates, lookup, onceLog);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a NodeScrapeAssembler: " + e, e);
        }
    }

    private static Object adapt(Class<?> type, BiFunction<String, String, Optional<PodInfo>> pods) {
        Method sam = Arrays.stream(type.getMethods()).filter(m -> Modifier.isAbstract(m.getModifiers())).findFirst()
                .orElseThrow(() -> new IllegalStateException(type + " is not a functional interface"));
        if (sam.getParameterCount() != 3) {
            throw new IllegalStateException("unknown pod lookup shape: " + sam);
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodType samType = MethodType.methodType(sam.getReturnType(), sam.getParameterTypes());
            CallSite site = LambdaMetafactory.metafactory(lookup, sam.getName(),
                    MethodType.methodType(type, BiFunction.class), samType,
                    lookup.findStatic(Assemblers.class, "byNamespaceAndName", MethodType.methodType(Optional.class,
                            BiFunction.class, String.class, String.class, String.class)),
                    samType);
            return site.getTarget().invoke(pods);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot adapt the pod lookup to " + sam + ": " + e, e);
        }
    }

    @SuppressWarnings("unused") // the lambda body of adapt
    private static Optional<PodInfo> byNamespaceAndName(BiFunction<String, String, Optional<PodInfo>> pods,
            String nodeName, String namespace, String name) {
        return pods.apply(namespace, name);
    }
}
