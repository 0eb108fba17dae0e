using System;
using System.Threading;
using System.Threading.Tasks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers task handlers that diagrams bind to by name.</summary>
public static class FlowHandlerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="handler"/> over the JSON view of the data under <paramref name="name"/>
    /// (a keyed <see cref="Flow.IFlowJsonHandler"/>), for tasks bound to that name.
    /// </summary>
    public static IServiceCollection AddFlowHandler(this IServiceCollection services, string name, Func<Flow.JsonTaskContext, CancellationToken, ValueTask> handler)
    {
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        return services.AddKeyedSingleton<Flow.IFlowJsonHandler>(name, new DelegateJsonHandler(handler));
    }

    /// <summary>
    /// Registers <paramref name="handler"/> typed over <typeparamref name="TData"/> under <paramref name="name"/>
    /// (a keyed <see cref="Flow.IFlowHandler{TData}"/>), for tasks bound to that name.
    /// </summary>
    public static IServiceCollection AddFlowHandler<TData>(this IServiceCollection services, string name, Func<Flow.TaskContext<TData>, CancellationToken, ValueTask> handler)
        where TData : class
    {
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }

        return services.AddKeyedSingleton<Flow.IFlowHandler<TData>>(name, new DelegateHandler<TData>(handler));
    }

    private sealed class DelegateJsonHandler(Func<Flow.JsonTaskContext, CancellationToken, ValueTask> run) : Flow.IFlowJsonHandler
    {
        public ValueTask ExecuteAsync(Flow.JsonTaskContext context, CancellationToken cancellationToken) => run(context, cancellationToken);
    }

    private sealed class DelegateHandler<TData>(Func<Flow.TaskContext<TData>, CancellationToken, ValueTask> run) : Flow.IFlowHandler<TData>
        where TData : class
    {
        public ValueTask ExecuteAsync(Flow.TaskContext<TData> context, CancellationToken cancellationToken) => run(context, cancellationToken);
    }
}
