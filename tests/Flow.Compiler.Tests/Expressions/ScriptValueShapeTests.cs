using Flow.Compiler.Planning;

namespace Flow.Compiler.Tests.Expressions;

/// <summary>A C# script parameter value is one expression or statements ending in return; the shape is read past strings, comments and lambdas.</summary>
public class ScriptValueShapeTests
{
    [Theory]
    [InlineData("amount * 2", "Expression")]
    [InlineData("  amount * 2;  ", "Expression")]
    [InlineData("\"a;b\" + x // return; here", "Expression")]
    [InlineData("items.Select(x => { var y = x; return y; }).Count()", "Expression")]
    [InlineData("new List<int> { 1, 2 }", "Expression")]
    [InlineData("amount switch { > 10 => 1, _ => 0 }", "Expression")]
    [InlineData("var y = amount * 2; return y;", "Statements")]
    [InlineData("if (a) { return 1; } else { return 2; }", "Statements")]
    [InlineData("switch (a) { case 1: return 2; default: return 3; }", "Statements")]
    [InlineData("/* c */ var s = @\"\"\"\"; return s;", "Statements")]
    [InlineData("var t = 1; t++;", "NoReturn")]
    [InlineData("if (a) { x = 1; }", "NoReturn")]
    [InlineData("a; b", "NoReturn")]
    [InlineData("returnValue + 1", "Expression")]
    [InlineData("   ", "Empty")]
    public void The_shape_of_a_script_decides_how_its_value_is_taken(string script, string shape) =>
        Assert.Equal(shape, ScriptValues.ShapeOf(script).ToString());
}
