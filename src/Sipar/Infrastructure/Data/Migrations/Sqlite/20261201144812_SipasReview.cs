using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipar.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SipasReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Corrections",
                table: "sipas_responses",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "sipas_paper_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WaveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    EntryNo = table.Column<int>(type: "INTEGER", nullable: false),
                    EnteredBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Profile = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Expectations = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Comments = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sipas_paper_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sipas_paper_entries_sipas_waves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "sipas_waves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sipas_paper_entries_WaveId_FormNumber_EntryNo",
                table: "sipas_paper_entries",
                columns: new[] { "WaveId", "FormNumber", "EntryNo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sipas_paper_entries");

            migrationBuilder.DropColumn(
                name: "Corrections",
                table: "sipas_responses");
        }
    }
}
