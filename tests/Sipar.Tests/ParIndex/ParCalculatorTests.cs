using Sipar.Modules.ParIndex;

namespace Sipar.Tests.ParIndex;

public sealed class ParCalculatorTests
{
    [Fact]
    public void A_criterion_adds_its_items_and_deductions_but_never_goes_below_zero_or_above_its_maximum()
    {
        Assert.Equal(2.5m, ParCalculator.CriterionPoints([1, 2], [-0.5m], 3));
        Assert.Equal(0m, ParCalculator.CriterionPoints([0.5m], [-0.5m, -0.5m], 3));
        Assert.Equal(3m, ParCalculator.CriterionPoints([2, 2], [], 3));
    }

    [Theory]
    [InlineData(86.98, 100, 86.98)]
    [InlineData(7, 8, 87.5)]
    [InlineData(2, 3, 66.67)]
    [InlineData(0, 0, 0)]
    public void The_index_is_points_over_maximum_times_100(decimal points, decimal max, decimal expected) =>
        Assert.Equal(expected, ParCalculator.Index(points, max));

    [Fact]
    public void Without_a_survey_the_appraised_points_are_scaled_to_100()
    {
        // Hà Nội's template: 100 points, 30 from the survey; 63 appraised points out of 70 → 90.
        Assert.Equal(90m, ParCalculator.IndexWithoutSurvey(63, 100, 30));
    }

    [Theory]
    [InlineData(95, "A")]
    [InlineData(90, "A")]
    [InlineData(89.99, "B")]
    [InlineData(70, "C")]
    [InlineData(69.9, null)]
    public void Classes_come_from_configurable_bands(decimal index, string? expected) =>
        Assert.Equal(expected, ParCalculator.ClassOf(index, [(90m, "A"), (80m, "B"), (70m, "C")]));

    [Fact]
    public void Equal_indices_share_a_rank_and_the_next_rank_skips()
    {
        Assert.Equal([1, 2, 2, 4, 5], ParCalculator.Ranks([92.5m, 88m, 88m, 86.1m, 70m]));
        Assert.Equal([3, 1, 1], ParCalculator.Ranks([80m, 90m, 90m]));
    }

    [Theory]
    [InlineData("yesno", 1, 1, 1)]
    [InlineData("yesno", 1, 0, 0)]
    [InlineData("levels:0=0;1=1;2=2", 2, 1, 1)]
    [InlineData("bands:100=2;80=1;0=0", 2, 85, 1)]
    [InlineData("bands:100=2;80=1;0=0", 2, 100, 2)]
    [InlineData("bands:100=2;80=1;0=0", 2, 79.9, 0)]
    [InlineData("proportional", 2, 0.75, 1.5)]
    [InlineData("deduction:-0.5", 0, 3, -1.5)]
    public void Structured_rules_turn_what_was_achieved_into_points(string rule, decimal max, decimal achieved, decimal expected) =>
        Assert.Equal(expected, ParCalculator.RulePoints(rule, max, achieved));
}
