package com.mispost.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * One warm instance of a function's handler, invoked with event JSON the way the Lambda Java
 * runtime does it: the JSON is turned into the handler's input type by the runtime's own
 * serialization library, and the output back into JSON. Invocations are serialised, as one
 * Lambda instance handles one event at a time.
 */
public final class LambdaInvoker {
    private final String functionName;
    private final RequestHandler<Object, Object> handler;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;

    @SuppressWarnings("unchecked")
    public LambdaInvoker(String functionName, String handlerClass) {
        this.functionName = functionName;
        try {
            Class<?> type = Class.forName(handlerClass);
            this.handler = (RequestHandler<Object, Object>) type.getDeclaredConstructor().newInstance();
            Type[] io = requestHandlerTypes(type);
            this.input = serializerFor(io[0]);
            this.output = serializerFor(io[1]);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable root = e.getCause();
            while (root.getCause() != null) root = root.getCause();
            throw new IllegalStateException("handler " + handlerClass + " for " + functionName + " failed to start: " + root, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load handler " + handlerClass + " for " + functionName + ": " + e, e);
        }
    }

    public String functionName() {
        return functionName;
    }

    /** The handler instance itself (the cold-start bench calls its CRaC hooks, as SnapStart would). */
    public Object handler() {
        return handler;
    }

    /** Invokes the handler with an event; returns the handler's answer as JSON. */
    public synchronized String invoke(String eventJson) {
        Object event = input.fromJson(eventJson);
        Object result = handler.handleRequest(event, new LocalContext(functionName, 15));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw, LambdaInvoker.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    /** The I and O of {@code RequestHandler<I, O>} as the handler class binds them. */
    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Type sup = c.getGenericSuperclass();
            if (sup instanceof ParameterizedType p && p.getActualTypeArguments().length == 2
                    && RequestHandler.class.isAssignableFrom((Class<?>) p.getRawType())) {
                Type[] args = p.getActualTypeArguments();
                if (!(args[0] instanceof java.lang.reflect.TypeVariable<?>)) return args;
            }
            for (Type i : c.getGenericInterfaces()) {
                if (i instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) return p.getActualTypeArguments();
            }
        }
        throw new IllegalStateException(type.getName() + " does not bind RequestHandler<I, O>");
    }
}
