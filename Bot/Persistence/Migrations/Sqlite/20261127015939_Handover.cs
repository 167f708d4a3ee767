using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Handover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Handovers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Post = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ShiftCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OutgoingId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FrontDesk = table.Column<bool>(type: "INTEGER", nullable: false),
                    SuccessorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PromptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcceptedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FirstAcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RefusedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RefusedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SuccessorUnfit = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReopenedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReopenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewRemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OverdueEscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Handovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Handovers_People_OutgoingId",
                        column: x => x.OutgoingId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SecurityHandoverEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Urgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    HandedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HandedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityHandoverEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SecurityHandoverRounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Slot = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PromptedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityHandoverRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HandoverItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Course = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Handled = table.Column<bool>(type: "INTEGER", nullable: true),
                    Ok = table.Column<bool>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AddedLater = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandoverItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HandoverItems_Handovers_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Handovers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HandoverItems_RecordId_Number",
                table: "HandoverItems",
                columns: new[] { "RecordId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_OutgoingId",
                table: "Handovers",
                column: "OutgoingId");

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_Post_Date_ShiftCode",
                table: "Handovers",
                columns: new[] { "Post", "Date", "ShiftCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_Status_Date",
                table: "Handovers",
                columns: new[] { "Status", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_SuccessorId_Status",
                table: "Handovers",
                columns: new[] { "SuccessorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityHandoverEntries_Status",
                table: "SecurityHandoverEntries",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityHandoverRounds_Date_Slot",
                table: "SecurityHandoverRounds",
                columns: new[] { "Date", "Slot" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HandoverItems");

            migrationBuilder.DropTable(
                name: "SecurityHandoverEntries");

            migrationBuilder.DropTable(
                name: "SecurityHandoverRounds");

            migrationBuilder.DropTable(
                name: "Handovers");
        }
    }
}
