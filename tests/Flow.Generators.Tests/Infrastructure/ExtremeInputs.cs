using System.Globalization;
using System.Text;

namespace Flow.Generators.Tests.Infrastructure;

/// <summary>
/// Generators of hostile and extreme BPMN files, one family per shape that once hung, overflowed
/// the stack or compiled wrong (issues 10 and 19). Each returns the whole file's text.
/// </summary>
internal static class ExtremeInputs
{
    private const string Head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\" targetNamespace=\"urn:x\">\n";
    private const string Tail = "</definitions>\n";

    /// <summary>A process of <paramref name="body"/>, one element per line.</summary>
    public static string Process(string body, string id = "p") =>
        Head + "<process id=\"" + id + "\" isExecutable=\"true\">\n" + body + "</process>\n" + Tail;

    /// <summary><paramref name="depth"/> sub-processes, each inside the one before, each start → sub → end.</summary>
    public static string NestedSubProcesses(int depth)
    {
        var body = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            body.Append("<startEvent id=\"s").Append(i).Append("\"/><endEvent id=\"e").Append(i).Append("\"/>")
                .Append("<sequenceFlow id=\"a").Append(i).Append("\" sourceRef=\"s").Append(i).Append("\" targetRef=\"sub").Append(i).Append("\"/>")
                .Append("<sequenceFlow id=\"b").Append(i).Append("\" sourceRef=\"sub").Append(i).Append("\" targetRef=\"e").Append(i).Append("\"/>\n")
                .Append("<subProcess id=\"sub").Append(i).Append("\">");
        }

        body.Append("<startEvent id=\"inner_s\"/><endEvent id=\"inner_e\"/><sequenceFlow id=\"inner\" sourceRef=\"inner_s\" targetRef=\"inner_e\"/>\n");
        for (var i = 0; i < depth; i++)
        {
            body.Append("</subProcess>");
        }

        return Process(body.Append('\n').ToString());
    }

    /// <summary>Plain elements nested <paramref name="depth"/> deep inside a task's extension elements.</summary>
    public static string NestedElements(int depth)
    {
        var body = new StringBuilder("<startEvent id=\"s\"/><task id=\"t\"><extensionElements>");
        body.Append("<x:n xmlns:x=\"urn:n\">");
        for (var i = 1; i < depth; i++)
        {
            body.Append("<x:n>");
        }

        for (var i = 0; i < depth; i++)
        {
            body.Append("</x:n>");
        }

        body.Append("</extensionElements></task><endEvent id=\"e\"/>\n<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\"/><sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/>\n");
        return Process(body.ToString());
    }

    /// <summary>start → gateway → <paramref name="branches"/> tasks → gateway of the same kind → end.</summary>
    public static string WideGateway(string kind, int branches)
    {
        var body = new StringBuilder($"<startEvent id=\"s\"/><{kind} id=\"split\" default=\"d0\"/><{kind} id=\"join\"/><endEvent id=\"e\"/>\n");
        if (kind == "parallelGateway")
        {
            body.Replace(" default=\"d0\"", "");
        }

        body.Append("<sequenceFlow id=\"in\" sourceRef=\"s\" targetRef=\"split\"/><sequenceFlow id=\"out\" sourceRef=\"join\" targetRef=\"e\"/>\n");
        for (var i = 0; i < branches; i++)
        {
            var condition = kind == "parallelGateway" || i == 0 ? "" : $"<conditionExpression>amount == {i}</conditionExpression>";
            body.Append($"<task id=\"t{i}\"/><sequenceFlow id=\"d{i}\" sourceRef=\"split\" targetRef=\"t{i}\">{condition}</sequenceFlow><sequenceFlow id=\"j{i}\" sourceRef=\"t{i}\" targetRef=\"join\"/>\n");
        }

        return Process(body.ToString());
    }

    /// <summary><paramref name="count"/> exclusive diamonds in a row (split → two tasks → merge).</summary>
    public static string Diamonds(int count)
    {
        var body = new StringBuilder("<startEvent id=\"n0\"/>\n");
        var previous = "n0";
        for (var i = 0; i < count; i++)
        {
            body.Append($"<exclusiveGateway id=\"x{i}\" default=\"x{i}b\"/><task id=\"a{i}\"/><task id=\"b{i}\"/><exclusiveGateway id=\"m{i}\"/>")
                .Append($"<sequenceFlow id=\"in{i}\" sourceRef=\"{previous}\" targetRef=\"x{i}\"/>")
                .Append($"<sequenceFlow id=\"x{i}a\" sourceRef=\"x{i}\" targetRef=\"a{i}\"><conditionExpression>amount &gt; {i}</conditionExpression></sequenceFlow>")
                .Append($"<sequenceFlow id=\"x{i}b\" sourceRef=\"x{i}\" targetRef=\"b{i}\"/>")
                .Append($"<sequenceFlow id=\"a{i}m\" sourceRef=\"a{i}\" targetRef=\"m{i}\"/><sequenceFlow id=\"b{i}m\" sourceRef=\"b{i}\" targetRef=\"m{i}\"/>\n");
            previous = "m" + i.ToString(CultureInfo.InvariantCulture);
        }

        body.Append($"<endEvent id=\"end\"/><sequenceFlow id=\"last\" sourceRef=\"{previous}\" targetRef=\"end\"/>\n");
        return Process(body.ToString());
    }

    /// <summary>
    /// <paramref name="depth"/> gateways of <paramref name="kind"/> nested: each split's first
    /// branch holds the next split, its second a task; the joins close them in reverse.
    /// </summary>
    public static string NestedGateways(string kind, int depth)
    {
        var exclusive = kind == "exclusiveGateway";
        var body = new StringBuilder("<startEvent id=\"s\"/><endEvent id=\"e\"/><sequenceFlow id=\"f_in\" sourceRef=\"s\" targetRef=\"g0\"/>\n");
        for (var i = 0; i < depth; i++)
        {
            var next = i + 1 < depth ? $"g{i + 1}" : "core";
            body.Append($"<{kind} id=\"g{i}\"{(exclusive ? $" default=\"g{i}b\"" : "")}/><task id=\"t{i}\"/><{kind} id=\"j{i}\"/>")
                .Append($"<sequenceFlow id=\"g{i}a\" sourceRef=\"g{i}\" targetRef=\"{next}\">{(exclusive ? $"<conditionExpression>amount &gt; {i}</conditionExpression>" : "")}</sequenceFlow>")
                .Append($"<sequenceFlow id=\"g{i}b\" sourceRef=\"g{i}\" targetRef=\"t{i}\"/><sequenceFlow id=\"t{i}j\" sourceRef=\"t{i}\" targetRef=\"j{i}\"/>")
                .Append($"<sequenceFlow id=\"j{i}o\" sourceRef=\"j{i}\" targetRef=\"{(i == 0 ? "e" : $"j{i - 1}")}\"/>\n");
        }

        body.Append($"<task id=\"core\"/><sequenceFlow id=\"core_out\" sourceRef=\"core\" targetRef=\"j{depth - 1}\"/>\n");
        return Process(body.ToString());
    }

    /// <summary>start → <paramref name="tasks"/> tasks in a row → end; each task carries <paramref name="padding"/> characters of documentation.</summary>
    public static string Chain(int tasks, int padding = 0)
    {
        var documentation = padding == 0 ? "" : "<documentation>" + new string('x', padding) + "</documentation>";
        var body = new StringBuilder("<startEvent id=\"t0\"/>\n");
        for (var i = 1; i <= tasks; i++)
        {
            body.Append($"<task id=\"t{i}\">{documentation}</task><sequenceFlow id=\"f{i}\" sourceRef=\"t{i - 1}\" targetRef=\"t{i}\"/>\n");
        }

        body.Append($"<endEvent id=\"end\"/><sequenceFlow id=\"last\" sourceRef=\"t{tasks}\" targetRef=\"end\"/>\n");
        return Process(body.ToString());
    }

    /// <summary>start → <paramref name="tasks"/> user tasks → end: a wait state, a completion method and its comment per task.</summary>
    public static string UserTaskChain(int tasks)
    {
        var body = new StringBuilder("<startEvent id=\"t0\"/>\n");
        for (var i = 1; i <= tasks; i++)
        {
            body.Append($"<userTask id=\"t{i}\"/><sequenceFlow id=\"f{i}\" sourceRef=\"t{i - 1}\" targetRef=\"t{i}\"/>\n");
        }

        body.Append($"<endEvent id=\"end\"/><sequenceFlow id=\"last\" sourceRef=\"t{tasks}\" targetRef=\"end\"/>\n");
        return Process(body.ToString());
    }

    /// <summary>
    /// <paramref name="nodes"/> gateways (parallel and exclusive alternating), each with a flow to
    /// each of the next <paramref name="fanOut"/>: many choices, many parallel joins, many paths.
    /// </summary>
    public static string Dense(int nodes, int fanOut)
    {
        var body = new StringBuilder("<startEvent id=\"s\"/><endEvent id=\"e\"/><sequenceFlow id=\"first\" sourceRef=\"s\" targetRef=\"g0\"/>\n");
        for (var i = 0; i < nodes; i++)
        {
            body.Append(i % 2 == 0 ? $"<parallelGateway id=\"g{i}\"/>" : $"<exclusiveGateway id=\"g{i}\"/>");
            for (var k = 1; k <= fanOut; k++)
            {
                var target = i + k < nodes ? $"g{i + k}" : "e";
                var condition = i % 2 == 1 ? $"<conditionExpression>amount == {k}</conditionExpression>" : "";
                body.Append($"<sequenceFlow id=\"f{i}_{k}\" sourceRef=\"g{i}\" targetRef=\"{target}\">{condition}</sequenceFlow>");
                if (i + k >= nodes)
                {
                    break;
                }
            }

            body.Append('\n');
        }

        return Process(body.ToString());
    }

    /// <summary>A process of <paramref name="count"/> unconnected tasks: the most nodes per character.</summary>
    public static string ManyNodes(int count)
    {
        var body = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            body.Append("<task id=\"t").Append(i).Append("\"/>\n");
        }

        return Process(body.ToString());
    }

    /// <summary><paramref name="count"/> empty processes: the most processes per character.</summary>
    public static string ManyEmptyProcesses(int count)
    {
        var text = new StringBuilder(Head);
        for (var i = 0; i < count; i++)
        {
            text.Append("<process id=\"p").Append(i).Append("\"/>\n");
        }

        return text.Append(Tail).ToString();
    }

    /// <summary>
    /// <paramref name="choices"/> exclusive diamonds, then <paramref name="joins"/> parallel
    /// diamonds: a clean process in which checking every parallel join against every choice
    /// walks the rest of the process once per pair.
    /// </summary>
    public static string ChoicesThenJoins(int choices, int joins)
    {
        var body = new StringBuilder("<startEvent id=\"n0\"/>\n");
        var previous = "n0";
        for (var i = 0; i < choices + joins; i++)
        {
            var exclusive = i < choices;
            var kind = exclusive ? "exclusiveGateway" : "parallelGateway";
            body.Append($"<{kind} id=\"x{i}\"{(exclusive ? $" default=\"x{i}b\"" : "")}/><task id=\"a{i}\"/><task id=\"b{i}\"/><{kind} id=\"m{i}\"/>")
                .Append($"<sequenceFlow id=\"in{i}\" sourceRef=\"{previous}\" targetRef=\"x{i}\"/>")
                .Append($"<sequenceFlow id=\"x{i}a\" sourceRef=\"x{i}\" targetRef=\"a{i}\">{(exclusive ? $"<conditionExpression>amount &gt; {i}</conditionExpression>" : "")}</sequenceFlow>")
                .Append($"<sequenceFlow id=\"x{i}b\" sourceRef=\"x{i}\" targetRef=\"b{i}\"/>")
                .Append($"<sequenceFlow id=\"a{i}m\" sourceRef=\"a{i}\" targetRef=\"m{i}\"/><sequenceFlow id=\"b{i}m\" sourceRef=\"b{i}\" targetRef=\"m{i}\"/>\n");
            previous = "m" + i.ToString(CultureInfo.InvariantCulture);
        }

        body.Append($"<endEvent id=\"end\"/><sequenceFlow id=\"last\" sourceRef=\"{previous}\" targetRef=\"end\"/>\n");
        return Process(body.ToString());
    }

    /// <summary><paramref name="count"/> small processes (start → task → end) in one file.</summary>
    public static string ManyProcesses(int count)
    {
        var text = new StringBuilder(Head);
        for (var i = 0; i < count; i++)
        {
            text.Append($"<process id=\"p{i}\" isExecutable=\"true\"><startEvent id=\"p{i}s\"/><task id=\"p{i}t\"/><endEvent id=\"p{i}e\"/>")
                .Append($"<sequenceFlow id=\"p{i}a\" sourceRef=\"p{i}s\" targetRef=\"p{i}t\"/><sequenceFlow id=\"p{i}b\" sourceRef=\"p{i}t\" targetRef=\"p{i}e\"/></process>\n");
        }

        return text.Append(Tail).ToString();
    }

    /// <summary><paramref name="count"/> processing instructions in the prolog, then a malformed document (the parse error makes the loader look for a DOCTYPE).</summary>
    public static string ProcessingInstructions(int count)
    {
        var text = new StringBuilder("<?xml version=\"1.0\"?>");
        for (var i = 0; i < count; i++)
        {
            text.Append("<?pi ").Append(i).Append("?>");
        }

        return text.Append("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\"></definitions>").ToString();
    }

    /// <summary>A straight process with the condition <c>amount &gt; 10</c> on an exclusive split; lines end with <paramref name="newline"/> (each in turn when it holds several).</summary>
    public static string ConditionWithLineEnds(params string[] newlines)
    {
        var lines = new[]
        {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\" targetNamespace=\"urn:x\">",
            "  <process id=\"p\" isExecutable=\"true\">",
            "    <startEvent id=\"s\"/>",
            "    <exclusiveGateway id=\"x\" default=\"small\"/>",
            "    <task id=\"big_order\"/>",
            "    <task id=\"small_order\"/>",
            "    <endEvent id=\"e\"/><endEvent id=\"e2\"/>",
            "    <sequenceFlow id=\"f0\" sourceRef=\"s\" targetRef=\"x\"/>",
            "    <sequenceFlow id=\"big\" sourceRef=\"x\" targetRef=\"big_order\">",
            "      <conditionExpression>amount &gt; 10</conditionExpression>",
            "    </sequenceFlow>",
            "    <sequenceFlow id=\"small\" sourceRef=\"x\" targetRef=\"small_order\"/>",
            "    <sequenceFlow id=\"f1\" sourceRef=\"big_order\" targetRef=\"e\"/>",
            "    <sequenceFlow id=\"f2\" sourceRef=\"small_order\" targetRef=\"e2\"/>",
            "  </process>",
            "</definitions>",
        };
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            text.Append(lines[i]).Append(newlines[i % newlines.Length]);
        }

        return text.ToString();
    }
}
