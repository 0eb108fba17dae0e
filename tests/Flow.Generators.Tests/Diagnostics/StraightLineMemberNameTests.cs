using Flow.Generators.Tests.Infrastructure;
using static Flow.Generators.Tests.Infrastructure.Fixtures;

namespace Flow.Generators.Tests.Diagnostics;

/// <summary>The straight-line method's names are the generated class's own: a handler may not take them.</summary>
public class StraightLineMemberNameTests
{
    [Theory]
    [InlineData("RunStraight")]
    [InlineData("RunStraightAsync")]
    public Task A_handler_named_like_the_straight_line_method(string name)
    {
        var text = Process(StraightLine.Replace(
            "<bpmn:task id=\"Work\" name=\"Work\" />",
            "<bpmn:serviceTask id=\"Work\" flow:handler=\"" + name + "\" xmlns:flow=\"http://flow-generators.dev/schema/bpmn\" />",
            StringComparison.Ordinal));
        return GeneratorTest.VerifyAsync(text, AtElement("FLOW1010", text, "<bpmn:serviceTask id").WithArguments("a member the generated class already has", "Work", name));
    }
}
