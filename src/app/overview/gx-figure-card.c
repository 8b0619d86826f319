/* gx-figure-card.c: one figure of the overview — a number, what it counts, and the list
 * behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-figure-card"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-figure-card.h"
#include "gx-format.h"

/* A figure is a button: pressing it opens the list it counts (`win.show-list`). A figure
 * with no list behind it is not a control, so it takes neither focus nor clicks. Its
 * accessible name says the caption, the number and the detail in one sentence. */

struct _GxFigureCard
{
  GtkButton  parent_instance;

  /* Template widgets */
  GtkLabel  *value_label;
  GtkLabel  *caption_label;
  GtkLabel  *detail_label;

  /* Owned */
  char      *state;
};

enum {
  PROP_0,
  PROP_CAPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxFigureCard, gx_figure_card, GTK_TYPE_BUTTON)

static void
update_accessible (GxFigureCard *self)
{
  const char *detail = gtk_label_get_label (self->detail_label);
  g_autofree char *name = NULL;

  if (detail != NULL && *detail != '\0')
    /* Translators: a figure read out: caption, number, detail ("Overdue: 12. 3 more than last month") */
    name = g_strdup_printf (_("%s: %s. %s"), gtk_label_get_label (self->caption_label),
                            gtk_label_get_label (self->value_label), detail);
  else
    name = g_strdup_printf (_("%s: %s"), gtk_label_get_label (self->caption_label),
                            gtk_label_get_label (self->value_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
gx_figure_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GxFigureCard *self = GX_FIGURE_CARD (object);

  switch (prop_id)
    {
    case PROP_CAPTION:
      g_value_set_string (value, gtk_label_get_label (self->caption_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_figure_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GxFigureCard *self = GX_FIGURE_CARD (object);

  switch (prop_id)
    {
    case PROP_CAPTION:
      gtk_label_set_label (self->caption_label, g_value_get_string (value));
      update_accessible (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_figure_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GX_TYPE_FIGURE_CARD);

  G_OBJECT_CLASS (gx_figure_card_parent_class)->dispose (object);
}

static void
gx_figure_card_finalize (GObject *object)
{
  g_free (GX_FIGURE_CARD (object)->state);

  G_OBJECT_CLASS (gx_figure_card_parent_class)->finalize (object);
}

static void
gx_figure_card_class_init (GxFigureCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_figure_card_dispose;
  object_class->finalize = gx_figure_card_finalize;
  object_class->get_property = gx_figure_card_get_property;
  object_class->set_property = gx_figure_card_set_property;

  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-figure-card.ui");
  gtk_widget_class_bind_template_child (widget_class, GxFigureCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, GxFigureCard, caption_label);
  gtk_widget_class_bind_template_child (widget_class, GxFigureCard, detail_label);
}

static void
gx_figure_card_init (GxFigureCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gx_figure_card_set_target (self, NULL, NULL);
}

/* Public API */

void
gx_figure_card_set_value (GxFigureCard *self,
                          const char   *value)
{
  g_return_if_fail (GX_IS_FIGURE_CARD (self));

  gtk_label_set_label (self->value_label, value ? value : "–");
  update_accessible (self);
}

void
gx_figure_card_set_count (GxFigureCard *self,
                          gint64        count)
{
  g_autofree char *text = gx_format_count ((guint) CLAMP (count, 0, G_MAXUINT));

  gx_figure_card_set_value (self, text);
}

const char *
gx_figure_card_get_value (GxFigureCard *self)
{
  g_return_val_if_fail (GX_IS_FIGURE_CARD (self), NULL);

  return gtk_label_get_label (self->value_label);
}

void
gx_figure_card_set_detail (GxFigureCard *self,
                           const char   *detail)
{
  g_return_if_fail (GX_IS_FIGURE_CARD (self));

  gtk_label_set_label (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL && *detail != '\0');
  update_accessible (self);
}

const char *
gx_figure_card_get_detail (GxFigureCard *self)
{
  g_return_val_if_fail (GX_IS_FIGURE_CARD (self), NULL);

  return gtk_label_get_label (self->detail_label);
}

/**
 * gx_figure_card_set_state:
 * @self: a #GxFigureCard
 * @style_class: (nullable): "error", "warning" or "success" for the number, %NULL for none
 *
 * Colours the number. The caption says the same in words ("Overdue"), so colour is never the
 * only signal.
 */
void
gx_figure_card_set_state (GxFigureCard *self,
                          const char   *style_class)
{
  g_return_if_fail (GX_IS_FIGURE_CARD (self));

  if (self->state != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), self->state);
  g_free (self->state);
  self->state = g_strdup (style_class);
  if (self->state != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_label), self->state);
}

/**
 * gx_figure_card_set_target:
 * @self: a #GxFigureCard
 * @place: (nullable): the place whose list is behind the figure, %NULL for none
 * @filter: (nullable): that list's filter
 */
void
gx_figure_card_set_target (GxFigureCard *self,
                           const char   *place,
                           const char   *filter)
{
  g_return_if_fail (GX_IS_FIGURE_CARD (self));

  if (place != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "(ss)", place, filter ? filter : "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self), place != NULL ? "win.show-list" : NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), place != NULL);
  gtk_widget_set_can_target (GTK_WIDGET (self), place != NULL);
  if (place != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "activatable");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "activatable");
}
