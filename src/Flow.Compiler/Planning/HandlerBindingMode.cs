using System.Linq;
using Flow.Compiler.Model;
using Flow.Compiler.Text;

namespace Flow.Compiler.Planning;

/// <summary>
/// Which binding a task's handler has. In a build (the default) <c>flow:handler</c> names the
/// partial method you write and wins over a Camunda binding on the same task; a Camunda binding
/// alone (<c>camunda:delegateExpression</c>, <c>camunda:class</c>, <c>camunda:expression</c>)
/// calls the handler the host registers by that name. Compiled with bindings by name (content
/// deployed at run time, where nobody writes a partial class) <c>flow:handler</c> is such a
/// name too, and wins over a Camunda binding.
/// </summary>
internal static class HandlerBindingMode
{
    public static ProcessModel Apply(ProcessModel process, bool bindByName)
    {
        if (!process.Nodes.Any(n => n.HandlerBinding is not null || (bindByName && n.Handler is not null)))
        {
            return process;
        }

        return process with
        {
            Nodes = process.Nodes.Select(node =>
                node.Handler is not { } handler ? node
                : bindByName ? node with { Handler = null, HandlerBinding = new HandlerBindingText("flow:handler", handler, node.HandlerBinding?.Span ?? node.Span) }
                : node with { HandlerBinding = null }).ToEquatableArray(),
        };
    }
}
