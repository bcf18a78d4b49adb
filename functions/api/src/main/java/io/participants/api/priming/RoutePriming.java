package io.participants.api.priming;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.http.annotation.Controller;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.participants.api.FunctionCatalog;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.slack.SlackAvatarSource;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.warmup.SdkWarmUp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * SnapStart priming: before Lambda snapshots a published version, each route of this function is invoked once
 * through the real handler with a request from {@link PrimingRequests}, while every AWS and provider call is answered
 * in-process ({@link Priming}): the requests take their routes' success paths and nothing is sent or stored. The
 * snapshot then holds the route's loaded classes, its beans, its serializers, its built SDK clients and the code of
 * the success path, and the first real request after a restore does none of that work. Then priming-only clients
 * make a network exchange with a server of the process's own on 127.0.0.1 ({@link LoopbackExchange}), so that the
 * sockets, HTTP from a wire and TLS are loaded too. Priming never fails the snapshot: a request that fails is
 * skipped, and named in the hook's one log line, as is a loopback exchange that failed.
 */
public final class RoutePriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(RoutePriming.class);
    /**
     * Every registered priming, held strongly: org.crac's global context holds its resources only weakly, so a hook
     * that nothing else held would be collected before the snapshot and priming would silently not run.
     */
    private static final List<RoutePriming> REGISTERED = new CopyOnWriteArrayList<>();
    /** The loopback exchange runs only with this much of priming's budget left (its calls time out at 5 s each). */
    private static final long LOOPBACK_BUDGET_MS = 20_000;
    /** How many times a deployable's priming sends each of its routes' requests (see {@link #sendRequests}). */
    static final int ROUNDS = 100;
    /** The longest the rounds after the first may take, from priming's {@link Priming#BUDGET}. */
    private static final long ROUNDS_BUDGET_MS = 15_000;

    /** What one priming request answered. */
    public record Primed(String function, int status) {
    }

    private final List<FunctionCatalog.Function> functions;
    private final String tenantClaim;
    private final BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler;
    private final BeanContext beans;
    private final LoopbackExchange loopbackExchange;
    private final int rounds;

    /**
     * @param deployable the Lambda's deployable name, or null (local mode) for every function
     * @param handler    the Lambda handler the requests go through
     */
    public RoutePriming(String deployable, String tenantClaim,
                        BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler) {
        this(deployable, tenantClaim, handler, null);
    }

    /**
     * @param beans the handler's bean context: after the requests, the function's controllers are built from it (a
     *              request refused while its body is read never reaches its controller, so would not build it, its
     *              services or its SDK clients), and each SDK client built runs the SDK's own warm-up; null for none
     */
    public RoutePriming(String deployable, String tenantClaim,
                        BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler,
                        BeanContext beans) {
        this(deployable, tenantClaim, handler, beans, new LoopbackExchange());
    }

    RoutePriming(String deployable, String tenantClaim,
                 BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler, BeanContext beans,
                 LoopbackExchange loopbackExchange) {
        this.functions = deployable == null ? FunctionCatalog.FUNCTIONS : FunctionCatalog.servedBy(deployable);
        this.tenantClaim = tenantClaim;
        this.handler = handler;
        this.beans = beans;
        this.loopbackExchange = loopbackExchange;
        // local mode serves every route from one process and takes no snapshot: one round, as a check that they run
        this.rounds = deployable == null ? 1 : ROUNDS;
    }

    /** Registers this priming as a SnapStart hook, and keeps it (see {@link #REGISTERED}); returns it. */
    public RoutePriming register() {
        REGISTERED.add(this);
        Core.getGlobalContext().register(this);
        return this;
    }

    /** Whether this priming is held until the snapshot. */
    public boolean registered() {
        return REGISTERED.contains(this);
    }

    /**
     * Sends each route's priming request; the answers are for tests and the log, which gets one line: what was
     * primed and how long it took, with the routes that failed, if any.
     */
    public List<Primed> prime() {
        long start = System.nanoTime();
        List<Primed> primed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int sent;
        LoopbackExchange.Result loopback;
        Priming.start();
        try {
            imageHostOfThisFunction();
            int awsCalls = CannedSdkHttpClient.ANSWERED.get();
            int providerCalls = CannedHttpClient.ANSWERED.get();
            sent = sendRequests(primed, failed);
            loopback = loopback(CannedSdkHttpClient.ANSWERED.get() > awsCalls,
                    CannedHttpClient.ANSWERED.get() > providerCalls);
        } finally {
            Priming.stop();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        String exchanges = loopback.exchanges() + " loopback exchanges"
                + (loopback.failure() == null ? "" : " (loopback stopped: " + loopback.failure() + ")");
        if (failed.isEmpty() && loopback.failure() == null) {
            LOG.info("Primed {} routes with {} synthetic requests in {} ms and {}: {}", functions.size(), sent, ms,
                    exchanges, primed);
        } else {
            LOG.warn("Primed {} routes with {} synthetic requests in {} ms and {}: {}; failed: {}", functions.size(),
                    sent, ms, exchanges, primed, failed);
        }
        return primed;
    }

    /**
     * The in-process network exchange ({@link LoopbackExchange}) with the kinds of client the requests used: the
     * URL-connection client when they made an AWS call, the JDK client when they called a provider. Never fails
     * priming: a failure is in the result, for the log line.
     */
    private LoopbackExchange.Result loopback(boolean aws, boolean providers) {
        if (!aws && !providers) {
            return new LoopbackExchange.Result(0, 0, Set.of(), List.of(), null);
        }
        if (Priming.remainingMillis() < LOOPBACK_BUDGET_MS) {
            return new LoopbackExchange.Result(0, 0, Set.of(), List.of(), "priming's time was spent");
        }
        return loopbackExchange.run(aws, providers);
    }

    /**
     * The canned avatar lives on the first image host this function may download from, so that the download's host
     * checks pass as on a real sync (a pattern such as {@code *.slack-edge.com} gives a host under it). The canned
     * sync is a Slack one, so the hosts are Slack's unless the guards name others (tests, local mode).
     */
    private void imageHostOfThisFunction() {
        if (beans == null) {
            return;
        }
        beans.findBean(DownloadGuards.class).map(guards -> guards.forProvider(SlackAvatarSource.IMAGE_HOSTS))
                .flatMap(guards -> guards.allowedHosts().stream().sorted()
                        .map(host -> host.startsWith("*.") ? "avatars" + host.substring(1) : host).findFirst())
                .ifPresent(CannedProviderAnswers::imageHost);
    }

    /**
     * Sends each route's request {@link #rounds} times: the first round's answers are what priming reports; the later
     * rounds run the same success paths again so that the JIT compiles them into the snapshot (C1 compiles a method
     * after about 200 calls, and a request's outer methods are called once per request). A route whose turn comes
     * after priming's budget is spent is skipped and named ({@link Priming#BUDGET}); the later rounds stop, unnamed,
     * once {@link #ROUNDS_BUDGET_MS} of it is spent or a route fails. Returns the number of requests sent.
     */
    private int sendRequests(List<Primed> primed, List<String> failed) {
        int sent = 0;
        for (FunctionCatalog.Function function : functions) {
            if (Priming.remainingMillis() == 0) {
                failed.add(function.name() + " (priming's time was spent)");
                continue;
            }
            try {
                sent++;
                primed.add(new Primed(function.name(), send(function).getStatusCode()));
            } catch (RuntimeException e) {
                failed.add(function.name() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (beans != null) {
            try {
                buildControllersAndWarmClients();
            } catch (RuntimeException e) {
                failed.add("controllers (" + e.getClass().getSimpleName() + ")");
            }
        }
        List<FunctionCatalog.Function> succeeded = functions.stream()
                .filter(f -> primed.stream().anyMatch(p -> p.function().equals(f.name()) && p.status() < 400))
                .toList();
        long roundsUntil = System.nanoTime() + ROUNDS_BUDGET_MS * 1_000_000;
        for (int round = 1; round < rounds && System.nanoTime() < roundsUntil; round++) {
            for (FunctionCatalog.Function function : succeeded) {
                try {
                    sent++;
                    send(function);
                } catch (RuntimeException e) {
                    return sent;
                }
            }
        }
        return sent;
    }

    private APIGatewayV2HTTPResponse send(FunctionCatalog.Function function) {
        APIGatewayV2HTTPEvent event = PrimingRequests.of(function, tenantClaim);
        return handler.apply(event, new PrimingContext(event.getRequestContext().getRequestId()));
    }

    /**
     * Builds every controller this Lambda serves (with what it injects: services, stores, SDK clients), then runs the
     * SDK's warm-up for each SDK client built: a call through the client's pipeline against a canned answer, with no
     * request on the network (so no AWS call, and nothing a role must allow).
     */
    private void buildControllersAndWarmClients() {
        for (BeanDefinition<?> controller : beans.getBeanDefinitions(Qualifiers.byStereotype(Controller.class))) {
            beans.getBean(controller);
        }
        Set<Class<? extends SdkClient>> clients = new LinkedHashSet<>();
        for (BeanRegistration<SdkClient> client : beans.getActiveBeanRegistrations(SdkClient.class)) {
            for (Class<?> type : client.getBean().getClass().getInterfaces()) {
                if (SdkClient.class.isAssignableFrom(type) && type != SdkClient.class) {
                    clients.add(type.asSubclass(SdkClient.class));
                }
            }
        }
        if (!clients.isEmpty()) {
            // SdkWarmUp takes a varargs of Class<? extends SdkClient>: an array of a generic type, made unchecked
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<? extends SdkClient>[] types = clients.toArray(new Class[0]);
            SdkWarmUp.warmUp(types);
        }
    }

    /** Lambda runs this once, before it snapshots the published version; the log line shows it ran. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: random ids come from SecureRandom, which draws on the restored system's entropy, and a
        // kept-alive connection that did not survive the snapshot fails over to a new one within the SDK's retries
    }
}
