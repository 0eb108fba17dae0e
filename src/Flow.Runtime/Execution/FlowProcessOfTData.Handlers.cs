using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Flow;

/// <summary>Whether a process object can run its tasks bound by name, and with which services (the registry checks it at deploy time).</summary>
internal interface IBoundHandlers
{
    IServiceProvider? HandlerServices { get; set; }

    /// <summary>Each task whose named handler <see cref="HandlerServices"/> does not register: (node id, handler name).</summary>
    IReadOnlyList<(string NodeId, string Name)> MissingHandlers();
}

public abstract partial class FlowProcess<TData> : IBoundHandlers
{
    /// <summary>
    /// The services handlers bound by name are resolved from, as keyed services: an
    /// <see cref="IFlowHandler{TData}"/> over this process's data type first, else an
    /// <see cref="IFlowJsonHandler"/>. The deployment registry sets its own (the host's container
    /// with <c>AddFlowRuntime</c>); set it when you create a process object yourself.
    /// </summary>
    public IServiceProvider? HandlerServices { get; set; }

    /// <inheritdoc/>
    IReadOnlyList<(string NodeId, string Name)> IBoundHandlers.MissingHandlers()
    {
        var missing = new List<(string, string)>();
        foreach (var node in Definition.Nodes)
        {
            if (node.HandlerBinding is { } name && !BoundHandlers<TData>.IsRegistered(HandlerServices, name))
            {
                missing.Add((node.Id, name));
            }
        }

        return missing;
    }

    /// <summary>
    /// Runs the handler a task is bound to by name with the task's evaluated input parameters and
    /// multi-instance element (generated code calls this for bound tasks that have either).
    /// </summary>
    protected ValueTask InvokeBoundHandlerAsync(int nodeIndex, TaskContext<TData> context, IInputValues? inputs, IInputValues? element, CancellationToken cancellationToken) =>
        InvokeBoundHandlerAsync(nodeIndex, context with { Inputs = new TaskInputs(context.NodeId, inputs, element) }, cancellationToken);

    /// <summary>Runs the handler a task is bound to by name (generated code calls this for bound tasks).</summary>
    protected ValueTask InvokeBoundHandlerAsync(int nodeIndex, TaskContext<TData> context, CancellationToken cancellationToken)
    {
        var node = Definition.Nodes[nodeIndex];
        var name = node.HandlerBinding ?? throw new InvalidOperationException($"Task '{node.Id}' is not bound to a handler by name.");
        return BoundHandlers<TData>.Resolve(HandlerServices, name) switch
        {
            IFlowHandler<TData> typed => typed.ExecuteAsync(context, cancellationToken),
            IFlowJsonHandler json => BoundHandlers<TData>.RunJsonAsync(json, Definition.Key, context, DataJson, cancellationToken),
            _ => throw new FlowExecutionException(node.Id, $"{HandlerErrors.HandlerNotFound}: task '{node.Id}' of process '{Definition.Key}' is bound to the handler '{name}', but no IFlowHandler<{typeof(TData).Name}> or IFlowJsonHandler is registered under that name (a keyed service; set HandlerServices when you create the process yourself)."),
        };
    }
}

/// <summary>Resolving handlers by name from keyed services, and running a JSON handler over the data.</summary>
internal static class BoundHandlers<TData>
    where TData : class
{
    /// <summary>
    /// Whether a typed handler can exist: only for a data type the host shares (loaded in the
    /// default context). A data class generated into a flow's collectible assembly is a type no
    /// host registered a handler for, and asking the container for IFlowHandler of it would make
    /// the container cache that type, which would keep the version from ever unloading.
    /// </summary>
    private static readonly bool CanBeTyped = !typeof(TData).Assembly.IsCollectible;

    public static bool IsRegistered(IServiceProvider? services, string name)
    {
        if (services?.GetService(typeof(IServiceProviderIsKeyedService)) is IServiceProviderIsKeyedService keyed)
        {
            return (CanBeTyped && keyed.IsKeyedService(typeof(IFlowHandler<TData>), name)) || keyed.IsKeyedService(typeof(IFlowJsonHandler), name);
        }

        return Resolve(services, name) is not null;
    }

    public static object? Resolve(IServiceProvider? services, string name) =>
        services is IKeyedServiceProvider keyed
            ? (CanBeTyped ? keyed.GetKeyedService(typeof(IFlowHandler<TData>), name) : null) ?? keyed.GetKeyedService(typeof(IFlowJsonHandler), name)
            : null;

    public static async ValueTask RunJsonAsync(IFlowJsonHandler handler, string processKey, TaskContext<TData> context, DataJson<TData> json, CancellationToken cancellationToken)
    {
        var before = JsonDataView.ToObject(context.Data, json);
        var view = (System.Text.Json.Nodes.JsonObject)before.DeepClone();
        var inputs = context.Inputs;
        var inputsBefore = JsonInputsView.ToObject(inputs);
        var inputsView = (System.Text.Json.Nodes.JsonObject)inputsBefore.DeepClone();
        await handler.ExecuteAsync(new JsonTaskContext(processKey, context.NodeId, context.InstanceIdOrNull, view, inputsView), cancellationToken).ConfigureAwait(false);
        // Both checked before either is applied: a refused change leaves data and inputs as they were.
        var setInputs = JsonInputsView.Changes(inputs, inputsBefore, inputsView);
        JsonDataView.Apply(context.Data, json, before, view, context.NodeId);
        setInputs();
    }
}
