using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sipar.Modules.Calendar;

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.Sources).HasMaxLength(4000).IsRequired();
        b.HasMany(x => x.Days).WithOne().HasForeignKey(x => x.Year).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Days).HasField("days").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(x => x.Date);
        b.Property(x => x.Date).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(CalendarDay.NameMaxLength).IsRequired();
        b.HasIndex(x => x.Year);
    }
}
