using System.Text;
using Jobman.Kubernetes.Lists;

namespace Jobman.Kubernetes.Tests;

/// <summary>The continue token of a list, found without decoding it; anything unexpected means "not known" (null).</summary>
public class ListContinueTokenTests
{
    [TestCase("""{"kind":"JobList","apiVersion":"batch/v1","metadata":{"resourceVersion":"7","continue":"abc"},"items":[{"metadata":{"continue":"no"}}]}""", "abc")]
    [TestCase("""{"items":[{"metadata":{"name":"a","continue":"inner"}}],"metadata":{"continue":"after-items"}}""", "after-items")]
    [TestCase("""{"metadata":{"resourceVersion":"7","remainingItemCount":3,"labels":{"continue":"x"},"continue":"k"},"items":[]}""", "k")]
    [TestCase("""{"metadata":{"resourceVersion":"7"},"items":[]}""", null)]
    [TestCase("""{"metadata":{"continue":""},"items":[]}""", "")]
    [TestCase("""{"metadata":{"continue":5},"items":[]}""", null)]
    [TestCase("""{"metadata":null,"items":[]}""", null)]
    [TestCase("""{"metadata":"continue","items":[]}""", null)]
    [TestCase("""[{"metadata":{"continue":"a"}}]""", null)]
    [TestCase("""{"metadata":{"continue":"cut""", null)]
    [TestCase("""{"items":[{"a":1}""", null)]
    [TestCase("not json", null)]
    [TestCase("", null)]
    public void Peek_finds_the_top_level_token(string list, string? expected)
    {
        ListContinueToken.Peek(Encoding.UTF8.GetBytes(list)).Should().Be(expected);
    }
}
