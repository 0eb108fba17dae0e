using Flow.Compiler.Naming;

namespace Flow.Compiler.Tests.Naming;

public class CSharpNamesTests
{
    [Theory]
    [InlineData("Task_1", "Task_1")]
    [InlineData("Task-1", "Task_1")]
    [InlineData("1st", "_1st")]
    [InlineData("class", "@class")]
    [InlineData("sid-5FBB.x", "sid_5FBB_x")]
    [InlineData("Prüfung", "Prüfung")]
    public void Members_keep_ids_recognisable(string id, string expected) => Assert.Equal(expected, CSharpNames.Member(id));

    [Theory]
    [InlineData("order", "Order", "OrderProcess")]
    [InlineData("p1", "Order process", "OrderProcess")]
    [InlineData("Process_0x8k2", null, "Process0x8k2")]
    [InlineData("invoice-handling", null, "InvoiceHandlingProcess")]
    [InlineData("x", "1 click buy", "_1ClickBuyProcess")]
    public void Process_classes_are_pascal_case_and_end_in_process(string id, string? name, string expected) =>
        Assert.Equal(expected, CSharpNames.ProcessClass(id, name));

    [Theory]
    [InlineData("Shop.Flows", true)]
    [InlineData("Shop..Flows", false)]
    [InlineData("Shop.class", false)]
    [InlineData("My-Shop", false)]
    public void Namespaces_are_checked(string ns, bool valid) => Assert.Equal(valid, CSharpNames.IsValidNamespace(ns));
}
