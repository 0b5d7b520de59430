/** The point-estimate baseline with weight decay (method "map"). */
package dev.credence.methods.map;
