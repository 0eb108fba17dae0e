using System.Threading;
using System.Threading.Tasks;

namespace Flow;

/// <summary>
/// A task handler the host registers by name, typed over a process's data type: register it as a
/// keyed service, <c>services.AddKeyedSingleton&lt;IFlowHandler&lt;OrderData&gt;, CheckStock&gt;("checkStock")</c>,
/// and bind a task to it with <c>camunda:delegateExpression="${checkStock}"</c>,
/// <c>camunda:class="com.shop.CheckStock"</c>, <c>camunda:expression="${checkStock.run(execution)}"</c>
/// or (in a diagram deployed as content) <c>flow:handler="checkStock"</c>.
/// </summary>
/// <typeparam name="TData">The process's data type (a contract the host shares with the flow, e.g. <c>flow:dataType</c>).</typeparam>
public interface IFlowHandler<TData>
    where TData : class
{
    /// <summary>Runs the task: read and write <see cref="TaskContext{TData}.Data"/>; a throw fails the instance at the task.</summary>
    ValueTask ExecuteAsync(TaskContext<TData> context, CancellationToken cancellationToken);
}

/// <summary>
/// A task handler the host registers by name over the JSON view of a process's data, for
/// processes whose data type the host does not have (a diagram deployed as text declares its
/// variables itself): register it as a keyed service, <c>services.AddKeyedSingleton&lt;IFlowJsonHandler&gt;("checkStock", handler)</c>
/// or <c>services.AddFlowHandler("checkStock", (context, ct) => …)</c>.
/// </summary>
public interface IFlowJsonHandler
{
    /// <summary>
    /// Runs the task: read and change <see cref="JsonTaskContext.Data"/>; the members it changed
    /// are written back to the data (each as its member's type) when it returns.
    /// </summary>
    ValueTask ExecuteAsync(JsonTaskContext context, CancellationToken cancellationToken);
}
