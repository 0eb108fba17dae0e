using System.Linq;
using Flow.Compiler.Expressions;
using Flow.Compiler.Model;
using Flow.Compiler.Naming;

namespace Flow.Compiler.Planning;

/// <summary>
/// What the compiler can tell about a loop's expressions from the text alone: whether an
/// expression is just a data member, and the element type of a collection type as written.
/// </summary>
internal static class LoopShapes
{
    private static readonly string[] CollectionTypes =
    {
        "List", "IList", "IReadOnlyList", "ICollection", "IReadOnlyCollection", "IEnumerable", "HashSet", "ISet",
        "SortedSet", "LinkedList", "Queue", "Stack", "ImmutableArray", "ImmutableList", "Collection", "ReadOnlyCollection",
    };

    private static readonly string[] Scalars =
    {
        "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal", "char", "string",
        "object", "System.DateTime", "DateTime", "System.DateTimeOffset", "DateTimeOffset", "System.TimeSpan", "TimeSpan", "System.Guid", "Guid",
    };

    /// <summary>The variables every loop declares for its conditions and the code inside it (besides its element variable).</summary>
    public static readonly string[] LoopVariables = { "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances" };

    private static readonly string[] IntTypes = { "int", "short", "ushort", "byte", "sbyte", "char", "System.Int32", "Int32" };

    /// <summary>Activities whose loops the engine runs.</summary>
    public static bool IsSupportedBody(FlowNode node) => node.Kind is FlowNodeKind.Task or FlowNodeKind.ServiceTask or FlowNodeKind.SendTask
        or FlowNodeKind.BusinessRuleTask or FlowNodeKind.ScriptTask or FlowNodeKind.UserTask or FlowNodeKind.ManualTask
        or FlowNodeKind.ReceiveTask or FlowNodeKind.CallActivity
        || (node.Kind is FlowNodeKind.SubProcess or FlowNodeKind.Transaction && !node.IsEventSubProcess);

    /// <summary>The expression as C# (a ${...} wrapper blanked out, columns kept).</summary>
    public static string CSharp(Expression expression) => JuelTranslator.ToCSharp(expression.Aligned);

    /// <summary>The data member the expression is, when it is just one.</summary>
    public static VariableDeclaration? Member(ProcessModel process, Expression? expression)
    {
        if (expression is null || process.DataType is not null)
        {
            return null;
        }

        var text = CSharp(expression).Trim();
        return process.Variables.FirstOrDefault(v => v.Name == text && v.Type is not null);
    }

    /// <summary>The element type of a collection type as written (List&lt;T&gt;, T[], …), else null.</summary>
    public static string? ElementTypeOf(string type)
    {
        var text = type.Trim();
        if (text.EndsWith("?", System.StringComparison.Ordinal))
        {
            text = text.Substring(0, text.Length - 1).TrimEnd();
        }

        if (text.EndsWith("[]", System.StringComparison.Ordinal))
        {
            return text.Substring(0, text.Length - 2).TrimEnd();
        }

        var open = text.IndexOf('<');
        if (open <= 0 || !text.EndsWith(">", System.StringComparison.Ordinal))
        {
            return null;
        }

        var name = text.Substring(0, open).Trim();
        var dot = name.LastIndexOf('.');
        var simple = dot >= 0 ? name.Substring(dot + 1) : name;
        var argument = text.Substring(open + 1, text.Length - open - 2).Trim();
        return CollectionTypes.Contains(simple) && TopLevelCommas(argument) == 0 && argument.Length > 0 ? argument : null;
    }

    /// <summary>Whether a declared type is certainly not a collection (a number, bool, string, date, …).</summary>
    public static bool IsScalar(string type)
    {
        var text = type.Trim().TrimEnd('?').Trim();
        if (text.StartsWith("global::", System.StringComparison.Ordinal))
        {
            text = text.Substring("global::".Length);
        }

        return Scalars.Contains(text);
    }

    /// <summary>Whether a declared type converts to int implicitly.</summary>
    public static bool IsIntLike(string type)
    {
        var text = type.Trim();
        if (text.StartsWith("global::", System.StringComparison.Ordinal))
        {
            text = text.Substring("global::".Length);
        }

        return IntTypes.Contains(text);
    }

    /// <summary>The element type the element variable has: flow:elementType, else read from the collection's declared type.</summary>
    public static string? ElementType(ProcessModel process, LoopDefinition loop) =>
        (loop.ElementType ?? (Member(process, loop.Collection)?.Type is { } type ? ElementTypeOf(type) : null)) is { } element && CSharpNames.IsTypeText(element)
            ? element
            : null;

    /// <summary>loopMaximum as a number; null when absent or not a whole number in range.</summary>
    public static int? Maximum(string? text) =>
        text is not null && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool IsValidElementVariable(string name) => CSharpNames.IsValidIdentifier(name);

    private static int TopLevelCommas(string text)
    {
        var depth = 0;
        var commas = 0;
        foreach (var c in text)
        {
            depth += c == '<' || c == '(' ? 1 : c == '>' || c == ')' ? -1 : 0;
            commas += c == ',' && depth == 0 ? 1 : 0;
        }

        return commas;
    }
}
